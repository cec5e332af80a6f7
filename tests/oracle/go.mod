module driporacle

// go 1.19: dump.go builds with every toolchain of the suite; the go/parser
// it runs is always the one of the toolchain that builds it.
go 1.19
