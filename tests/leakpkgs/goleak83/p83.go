// Package parallel83 is goleak issue 83: TestA leaks while TestB and
// TestC, run in parallel with it, are still running.
package p83goleak

import "time"

var forever = make(chan struct{})

// Leak starts a goroutine that waits on a channel nobody closes.
func Leak() {
	go func() {
		<-forever // LEAKSITE
	}()
}

// Work starts a goroutine and waits for it to end.
func Work(d time.Duration) {
	done := make(chan struct{})
	go func() {
		time.Sleep(d)
		close(done)
	}()
	<-done
}
