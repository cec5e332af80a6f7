module example.com/parallel83

go 1.19
