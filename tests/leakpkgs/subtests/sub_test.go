package subtests

import "testing"

func TestTable(t *testing.T) {
	t.Run("fast path", func(t *testing.T) {
		ch := make(chan int, 1)
		Block(ch)
		ch <- 1
	})
	t.Run("slow path", func(t *testing.T) {
		Block(make(chan int))
	})
}

func TestNested(t *testing.T) {
	t.Run("outer", func(t *testing.T) {
		t.Run("inner", func(t *testing.T) {
			t.Parallel()
			Block(make(chan int))
		})
	})
}

// The subtest's name is not a literal: drip names it by its function.
func TestLoop(t *testing.T) {
	for _, name := range []string{"x", "y"} {
		name := name
		t.Run(name, func(t *testing.T) {
			ch := make(chan int, 1)
			Block(ch)
			if name == "x" {
				ch <- 1
			}
		})
	}
}
