module example.com/testmain1

go 1.19
