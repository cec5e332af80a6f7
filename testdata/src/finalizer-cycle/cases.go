package finalizercycle

import "runtime"

type T struct {
	v [64]int
	t *T
}

type Node struct {
	next *Node
	data []byte
}

type Plain struct{ v [64]int }

type A struct{ b *B }

type B struct{ a *A }

func fin(t *T) {}

func leakPair() {
	var x, y T
	runtime.SetFinalizer(&x, fin) // want `runtime.SetFinalizer on 'x', which is linked into a pointer cycle \('x' -> 'y' -> 'x'\)`
	x.t, y.t = &y, &x
}

func leakSelf() {
	n := &Node{}
	runtime.SetFinalizer(n, func(*Node) {}) // want "pointer cycle \\('n' -> 'n'\\)"
	n.next = n
}

func leakRing() {
	a, b, c := &Node{}, &Node{}, &Node{}
	a.next = b
	b.next = c
	c.next = a
	runtime.SetFinalizer(b, func(*Node) {}) // want "'b' -> 'c' -> 'a' -> 'b'"
}

func leakLiteral() {
	x := &Node{}
	y := &Node{next: x}
	x.next = y
	runtime.SetFinalizer(x, func(*Node) {}) // want "runtime.SetFinalizer on 'x'"
}

func leakMutual() {
	a := &A{}
	b := &B{a: a}
	a.b = b
	runtime.SetFinalizer(a, func(*A) {}) // want "runtime.SetFinalizer on 'a'"
}

func leakSeparateStmts() {
	var x, y T
	x.t = &y
	y.t = &x
	runtime.SetFinalizer(&y, fin) // want "runtime.SetFinalizer on 'y'"
}

func cleanNoCycle() {
	var x, y T
	runtime.SetFinalizer(&x, fin)
	x.t = &y
}

func cleanNoFinalizer() {
	var x, y T
	x.t, y.t = &y, &x
}

func cleanPlain() {
	p := &Plain{}
	runtime.SetFinalizer(p, func(*Plain) {})
}

func cleanClear() {
	var x, y T
	runtime.SetFinalizer(&x, nil)
	x.t, y.t = &y, &x
}

func cleanOtherCycle() {
	var x, y, z T
	runtime.SetFinalizer(&x, fin)
	y.t, z.t = &z, &y
	x.t = &y
}

func cleanChain() {
	a, b := &Node{}, &Node{}
	a.next = b
	runtime.SetFinalizer(a, func(*Node) {})
}
