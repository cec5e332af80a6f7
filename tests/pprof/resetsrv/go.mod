module resetsrv

go 1.19
