package p

func f() {
	go (g())
	defer (h)()
	go x
	defer [...]int
}
