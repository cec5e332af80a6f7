package p

// "...T" only as the final parameter (checked by go/parser since Go 1.22)

func a(x ...int, y int) {}

func b(...int, ...string) {}

func c() (...int) { return nil }

func d[T ...any]() {}

type e func(a, b ...int)
