package p

func f() {
	x := 1
	y := 2 3
	foo(1,
		2
	)
}
