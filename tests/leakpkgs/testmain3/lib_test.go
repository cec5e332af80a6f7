package testmain3

import "testing"

func TestOK(t *testing.T) {
	reqs := make(chan int)
	Serve(reqs)
	close(reqs)
}

func TestLeak(t *testing.T) {
	Serve(make(chan int))
}
