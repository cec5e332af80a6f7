module dripgoker

go 1.22
