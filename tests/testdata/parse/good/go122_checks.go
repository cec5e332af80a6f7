package good

// go/parser leaves these to the type checker since Go 1.22: they are
// syntax errors for Go 1.19's go/parser, accepted by drip as by Go 1.27.

import "a b"
import ""
import `raw`

const c int
const (
	d
	e int
)

var arr [...]int
var types = map[int]int
var x, y = []int, struct{}{}

func f(s []int) {
	s[0] := 1
	a.b, c := 2, 3
	t := []int
	g(chan int, 1)
	_ = (*[...]int)(nil)
	switch v := x.(type) {
	case 1 + 2, []int:
		_ = v
	}
	select {
	case s[1] := <-ch:
	}
	_ = [...]int.x
}

// Parentheses around a type parameter's constraint stay in the tree.
type _[P (*int),] struct{}
type _[P (C), Q (*D)] int
type _[P *C | D] int
type _[P *struct{}] int
