package p

func f()
{
}

func g() {
	if x {
	} else for {
	}
}
