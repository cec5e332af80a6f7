package p

type T[P any] interface {
	m[Q any]()
}

func (T) m[P any]() {}

func g[]() {}

var f = func[T any]() {}
