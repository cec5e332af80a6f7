package good

import . "strings"
import _ "embed"
import m "math"

type (
	A = int
	B[T any] = []T
	C chan<- chan int
	D <-chan <-chan int
	E func(...int) (a, b int)
	F interface {
		io()
		interface{ x() }
	}
	G struct {
		_ int
		a, b, c string "tag"
	}
)

var _ = m.Pi
var _ = ToUpper

func empty()

func variadic(a int, b ...string) {}

func results() (int, error) { return 0, nil }

func named() (a int, b string) { return }

func conversions() {
	_ = []byte("x")
	_ = (func())(nil)
	_ = (<-chan int)(nil)
	_ = (*int)(nil)
	_ = map[string]int(nil)
	_ = interface{}(nil)
	_ = struct{}{}
	_ = [0]int{}
	;
	{
	}
	{
	};
}
