package p

// goto needs its label (go/parser since Go 1.22); break and continue not

func f() {
	goto;
	break L
	continue
	goto 1
}

func g() {
	goto
}
