package p

type T struct {
	(A)
	*(B)
	(*C)
	(pkg.D)
	E
	*[]int
}
