package good

import (
	"context"
	"errors"
	"time"
)

type T struct{ a, b int }

func (T) M(int) {}

func statements(ctx context.Context, ch chan int, xs []int, m map[string]int, seq func(func(int) bool)) (err error) {
	if x := (T{}); x.a == 0 {
	}
	if (T{a: 1}) == (T{}) {
	}
	for _, v := range []T{{1, 2}, {a: 3}} {
		_ = v
	}
	switch t := (T{}); t.a {
	case 1, 2:
		fallthrough
	case 3:
	default:
	}
	for i := range 10 {
		_ = i
	}
	for range 3 {
	}
	for x := range seq {
		_ = x
	}
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
	for k := range m {
		delete(m, k)
	}
	for {
		break
	}
outer:
	for i := 0; ; i++ {
		for {
			if i > 3 {
				break outer
			}
			continue outer
		}
	}
	goto done
done:
	select {
	case v, ok := <-ch:
		_, _ = v, ok
	case ch <- 1:
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second):
	default:
	}
	var i interface{} = 1
	switch v := i.(type) {
	case nil:
	case int, int64:
		_ = v
	case interface{ M(int) }:
	case func(int) bool, chan<- <-chan int, map[string][]*T:
	}
	switch i.(type) {
	}
	go func(c chan<- int) { c <- 1 }(ch)
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("panic")
		}
	}()
	f := (*T).M
	g := T.M
	_, _ = f, g
	x := [...]string{2: "c", 0: "a"}
	y := x[:]
	z := y[1:2:3]
	_ = z[len(z)-1:]
	var p *T = &T{}
	p.a++
	p.b--
	p.a <<= 2
	p.b &^= 1
	n := -p.a + ^p.b*+1 ^ 3&^4 | 5%2<<1>>1
	_ = n != 0 && !(n < 0) || n >= 1 && n <= 2
	c := complex(1, 2i) + 0x1p-2 + 1_000.5e3 + 0o17 + 0b1 + 'a' + '\x41' + '\u00e9'
	_ = c
	s := struct {
		A int `json:"a"`
		T
		*errors.Join
	}{}
	_ = s
	var arr [2][3]int
	_ = arr
	type local[T any] []T
	const (
		a = iota
		b
		_
		d
	)
	var (
		u, w int = 1, 2
		q        = "q"
	)
	_, _, _ = u, w, q
	return nil
}
