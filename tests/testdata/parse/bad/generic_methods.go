package p

// Methods may have type parameters since Go 1.27; these are still wrong.

func (r R) Empty[]() {}

func (r R) NoConstraint[T](x T) {}

func (r R) NoName[T any, int](x T) {}

type I interface {
	M[T any](T)
}

var f func[T any](T)

func use(r R) {
	_ = r.M[](1)
}
