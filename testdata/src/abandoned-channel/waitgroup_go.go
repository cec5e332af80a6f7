//go:build go1.25

package abandonedchannel

import (
	"errors"
	"sync"
	"time"
)

// sync.WaitGroup.Go (Go 1.25) starts a goroutine like a go statement.

func leakWaitGroupGo() (string, error) {
	var wg sync.WaitGroup
	ch := make(chan string)
	wg.Go(func() {
		ch <- slow() // want "goroutine may block forever sending on unbuffered channel 'ch': the function can return at line \\d+ without receiving from it"
	})
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

type pool struct {
	wg *sync.WaitGroup
}

func (p *pool) leakFieldWaitGroupGo(check func() error) (string, error) {
	result := make(chan string)
	p.wg.Go(func() { result <- slow() }) // want "the function can return at line \\d+ without receiving from it"
	if err := check(); err != nil {
		return "", err
	}
	return <-result, nil
}

func cleanWaitGroupGoBuffered() (string, error) {
	var wg sync.WaitGroup
	ch := make(chan string, 1)
	wg.Go(func() { ch <- slow() })
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

func cleanWaitGroupGoReceived() string {
	wg := &sync.WaitGroup{}
	ch := make(chan string)
	wg.Go(func() { ch <- slow() })
	v := <-ch
	wg.Wait()
	return v
}

// A Go method of another type is not a goroutine start: its function
// runs (or not) as that type decides.
type runner struct{}

func (runner) Go(f func()) { f() }

func cleanOtherGoMethod() (string, error) {
	var r runner
	ch := make(chan string)
	r.Go(func() {
		select {
		case ch <- slow():
		default:
		}
	})
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}
