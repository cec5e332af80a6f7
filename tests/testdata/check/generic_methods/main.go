// Command genericmethods leaks goroutines in methods with type parameters
// (Go 1.27) and in calls that instantiate them; drip must see both. Each
// expected finding is marked with a want comment on its line.
package main

import (
	"errors"
	"time"
)

type Pool struct{ in chan int }

func slow[T any](v T) T { return v }

// Fetch leaks its sender when the timeout wins.
func (p *Pool) Fetch[T any](v T) (T, error) {
	ch := make(chan T)
	go func() {
		ch <- slow(v) // want "sending on unbuffered channel 'ch'"
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		var zero T
		return zero, errors.New("timeout")
	}
}

// FetchBuffered is the clean look-alike: the send never blocks.
func (p *Pool) FetchBuffered[T any](v T) (T, error) {
	ch := make(chan T, 1)
	go func() {
		ch <- slow(v)
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		var zero T
		return zero, errors.New("timeout")
	}
}

// loop never returns.
func (p *Pool) loop[T any](f func(T)) {
	for {
		select {
		case v := <-p.in:
			_ = v
		}
	}
}

// loopDone returns when done is closed.
func (p *Pool) loopDone[T any](done chan struct{}, f func(T)) {
	for {
		select {
		case <-p.in:
		case <-done:
			return
		}
	}
}

// worker, a generic function, never returns either.
func worker[T any](in chan T) {
	for {
		select {
		case v := <-in:
			_ = v
		}
	}
}

// start runs on every pass of main's loop: its goroutines repeat (go
// statements of main itself run once per process and are not reported).
func start(p *Pool) {
	go worker[int](make(chan int)) // want "goroutine never exits"
	handlers := []func(){func() {}}
	go handlers[0]()
	go p.loop[string](nil) // want "goroutine never exits"
}

func main() {
	p := &Pool{in: make(chan int)}
	for i := 0; i < 3; i++ {
		start(p)
	}
	done := make(chan struct{})
	go p.loopDone[int](done, nil)
	close(done)
	_, _ = p.Fetch[int](1)
	_, _ = p.Fetch("x")
	_, _ = p.FetchBuffered[int](3)
}
