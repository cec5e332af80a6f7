package good

// Ünïcödé identifiers and literals.
var π = 3.14159
var 世界 = "hello, 世界"
var x٣ = 'é'
var émoji = "😀\U0001F600\u263a"

//go:build ignore
//drip:ignore leak-goroutine reason
//line foo.go:10
func ünï() {}
