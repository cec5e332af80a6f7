module example.com/parclean

go 1.19
