package p

// "...T" only as the final parameter (checked by go/parser of Go 1.26, not 1.24)

func a(x ...int, y int) {}

func b(...int, ...string) {}

func c() (...int) { return nil }

func d[T ...any]() {}

type e func(a, b ...int)
