module example.com/serial

go 1.19
