package p

type T[P any] interface {
	m[Q any]()
}

func g[]() {}

var f = func[T any]() {}
