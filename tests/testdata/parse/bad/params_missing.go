package p

func a(x, y int, z) {}

func b(x int, string) {}

func c[T](x T) {}

func d[T any, U](x T) {}

type e[N] int

type f[P, Q any, R] int
