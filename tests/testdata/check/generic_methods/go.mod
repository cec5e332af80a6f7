module genericmethods

go 1.27
