module example.com/initbg

go 1.19
