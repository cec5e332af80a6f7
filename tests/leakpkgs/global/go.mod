module example.com/global

go 1.19
