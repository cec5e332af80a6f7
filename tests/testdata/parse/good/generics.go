package good

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

type Ordered interface {
	Number | ~string
	String() string
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type List[T any] struct {
	next *List[T]
	val  T
}

type Tree[K interface{ Less(K) bool }, V any] struct{}

type Matrix[T Number, N, M any] [4][4]T

type Ptr[P *int,] struct{}
type Arr [N * 2]int
type Fn[T func(int) int] struct{}
type Emb[T interface{ ~[]byte | string }] struct{ T }

func (p *Pair[K, V]) Get() (K, V) { return p.Key, p.Val }
func (l List[_]) Len() int       { return 0 }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func use() {
	_ = Map[int, string]([]int{1}, func(i int) string { return fmt.Sprint(i) })
	_ = Sum[float64](1, 2)
	_ = Sum(1, 2, 3)
	var p Pair[string, []int]
	_ = p
	_ = Pair[int, int]{Key: 1, Val: 2}
	f := Map[int, int]
	_ = f
	var m Matrix[int, string, bool]
	_ = m
}
