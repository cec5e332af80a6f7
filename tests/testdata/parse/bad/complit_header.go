package p

func f() {
	if x == T{} {
	}
	for x := range T{} {
	}
}
