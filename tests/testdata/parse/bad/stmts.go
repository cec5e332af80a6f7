package p

func f() {
	go f
	defer g
	for a, b, c := range x {
	}
}
