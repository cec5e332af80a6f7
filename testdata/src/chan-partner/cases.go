package chanpartner

import "sync"

type watch struct {
	errc   chan error
	result chan bool
	in     chan int
}

func newWatch() *watch {
	return &watch{errc: make(chan error), result: make(chan bool), in: make(chan int)}
}

// kubernetes#25331: nothing ever receives from result.
func (w *watch) leakNoReceiver() {
	go func() {
		err := <-w.errc
		w.result <- err == nil // want "goroutine blocks forever sending on 'watch.result': nothing in the package ever receives from it"
	}()
	w.errc <- nil
}

type feed struct{ c chan int }

func newFeed() *feed { return &feed{c: make(chan int)} }

// Nothing ever sends on or closes c.
func (f *feed) leakNoSender() {
	go func() {
		<-f.c // want "goroutine blocks forever receiving from 'feed.c': nothing in the package ever sends on or closes it"
	}()
}

type ready struct{ ok chan struct{} }

func newReady() *ready { return &ready{ok: make(chan struct{})} }

// Waiting for a signal nothing sends.
func (r *ready) leakWaitReady() {
	go func() {
		<-r.ok // want "receiving from 'ready.ok'"
	}()
}

func leakLocalNoReceiver() {
	res := make(chan int)
	go func() {
		res <- 1 // want "sending on 'res'"
	}()
}

type stopper struct{ stop chan struct{} }

func newStopper() *stopper { return &stopper{stop: make(chan struct{})} }

func (s *stopper) leakWaitStop() {
	go func() {
		<-s.stop // want "receiving from 'stopper.stop'"
	}()
}

type acks struct{ ack chan bool }

func newAcks() *acks { return &acks{ack: make(chan bool)} }

func (a *acks) leakAck() {
	go func() {
		a.ack <- true // want "sending on 'acks.ack'"
	}()
}

// ---- clean --------------------------------------------------------------

func (w *watch) cleanReceived() bool {
	go func() { w.in <- 1 }()
	return <-w.in == 1
}

func cleanBuffered() {
	res := make(chan int, 1)
	go func() { res <- 1 }()
}

func cleanClosed() {
	c := make(chan int)
	go func() { <-c }()
	close(c)
}

// Returned: the caller may receive.
func cleanReturned() <-chan int {
	c := make(chan int)
	go func() { c <- 1 }()
	return c
}

func consume(c chan int) { <-c }

// Passed on: the callee may receive.
func cleanPassed() {
	c := make(chan int)
	go func() { c <- 1 }()
	consume(c)
}

type Exported struct{ C chan int }

// An exported field: another package may receive.
func (e *Exported) cleanExported() {
	e.C = make(chan int)
	go func() { e.C <- 1 }()
}

var mu sync.Mutex

// The rule runs in packages that lock or wait (see its doc).
func cleanLocked() {
	mu.Lock()
	mu.Unlock()
}
