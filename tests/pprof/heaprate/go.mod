module heaprate

go 1.19
