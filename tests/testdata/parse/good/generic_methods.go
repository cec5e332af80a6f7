package good

// Methods with type parameters (Go 1.27), as in math/rand/v2.

type intType interface {
	~int | ~int32 | ~int64 | ~uint | ~uint32 | ~uint64 | ~uintptr
}

type Rand struct{ src uint64 }

func (r *Rand) N[Int intType](n Int) Int {
	if n <= 0 {
		panic("invalid argument to N")
	}
	return Int(r.src % uint64(n))
}

func (r Rand) Pair[K comparable, V any](k K, v V) (K, V) { return k, v }

type List[T any] []T

func (l List[T]) Map[U any](f func(T) U) List[U] {
	out := make(List[U], 0, len(l))
	for _, x := range l {
		out = append(out, f(x))
	}
	return out
}

func (List[T]) Zero[P *T | []T,]() (p P) { return }

func (*Rand) Decl[T any](T)

func use() {
	r := &Rand{}
	_ = r.N[int](5)
	_ = r.N(int64(7))
	k, v := r.Pair[string, int]("a", 1)
	_, _ = k, v
	f := r.N[uint32]
	_ = f
	_ = (*Rand).N[int]
	_ = List[int]{1, 2}.Map[string](func(int) string { return "" })
	go r.N[uint](3)
	defer r.N[uintptr](4)
}
