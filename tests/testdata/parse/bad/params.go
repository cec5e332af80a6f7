package p

func f(a, b int, c) {}
func g[T, U](x T) {}
var c <-chan <-int
