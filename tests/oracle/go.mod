module driporacle

go 1.19
