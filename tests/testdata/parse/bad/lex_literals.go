package p

func f() {
	x := 09
	y := "abc
	z := 1__0
}
