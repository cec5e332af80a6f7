module example.com/testmain3

go 1.19
