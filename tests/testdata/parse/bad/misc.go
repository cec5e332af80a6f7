package p

func f() {
	switch x = y.(type) {
	}
	L: = 1
	s := a[1::]
	x.
}
