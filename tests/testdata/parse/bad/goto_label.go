package p

// goto needs its label (go/parser of Go 1.26, not 1.24); break, continue not

func f() {
	goto;
	break L
	continue
	goto 1
}

func g() {
	goto
}
