package abandonedchannel

import (
	"context"
	"errors"
	"time"
)

func slow() string { return "x" }

func leakTimeout() (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slow() // want "goroutine may block forever sending on unbuffered channel 'ch': the function can return at line \\d+ without receiving from it; make it buffered \\(cap 1\\)"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

func leakCtxDone(ctx context.Context) (string, error) {
	ch := make(chan string, 0)
	go func() {
		v := slow()
		ch <- v // want "sending on unbuffered channel 'ch'"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func leakEarlyReturn(check func() error) (string, error) {
	result := make(chan string)
	go func() { result <- slow() }() // want "the function can return at line \\d+ without receiving from it"
	if err := check(); err != nil {
		return "", err
	}
	return <-result, nil
}

func leakTenSenders() {
	c := make(chan int)
	for i := 0; i < 10; i++ {
		go func() {
			c <- 1 // want "goroutines started in a loop send on unbuffered channel 'c', which is received only 1 time"
		}()
	}
	go func() {
		<-c
	}()
}

func leakRangeSenders(items []string) string {
	c := make(chan string)
	for _, it := range items {
		it := it
		go func() { c <- it }() // want "goroutines started in a loop send on unbuffered channel 'c'"
	}
	return <-c
}

func leakReceiver(check func() error) error {
	stop := make(chan struct{})
	go func() {
		<-stop // want "goroutine may block forever receiving from unbuffered channel 'stop': the function can return at line \\d+ without sending on or closing it; close it on every path"
	}()
	if err := check(); err != nil {
		return err
	}
	close(stop)
	return nil
}

func leakDefaultCase() {
	done := make(chan error)
	go func() {
		done <- errors.New("x") // want "the function returns without receiving from it"
	}()
	select {
	case <-done:
	default:
	}
}

func cleanBuffered() (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- slow() }()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

func cleanAllPaths(check func() error) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }()
	if err := check(); err != nil {
		<-ch
		return "", err
	}
	return <-ch, nil
}

func cleanSenderSelects(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- slow():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func cleanDeferClose(check func() error) error {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		<-stop
	}()
	return check()
}

func cleanLoopReceive(items []string) []string {
	c := make(chan string)
	for _, it := range items {
		it := it
		go func() { c <- it }()
	}
	var out []string
	for range items {
		out = append(out, <-c)
	}
	return out
}

func cleanCountedReceives() {
	c := make(chan bool)
	for g := 0; g < 2; g++ {
		go func() { c <- true }()
	}
	<-c
	<-c
}

func consume(c chan int) {
	for range c {
	}
}

func cleanEscapes() {
	c := make(chan int)
	go func() { c <- 1 }()
	go consume(c)
}

func cleanCallbackReceives(register func(func())) {
	c := make(chan int)
	register(func() { <-c })
	go func() { c <- 1 }()
}

func leakRangeEarlyReturn(items []string, bad func(string) bool) error {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it // want "goroutine may block forever sending on unbuffered channel 'ch': the loop receiving from it can stop early \\(line \\d+\\)"
		}
		close(ch)
	}()
	for v := range ch {
		if bad(v) {
			return errors.New(v)
		}
	}
	return nil
}

func cleanRangeDrains(items []string, bad func(string) bool) int {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	n := 0
	for v := range ch {
		switch {
		case bad(v):
			break
		default:
			n++
		}
	}
	return n
}
