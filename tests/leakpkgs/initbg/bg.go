// Package initbg starts goroutines before any test runs: in init and
// in a package variable's initializer.
package initbg

import "time"

var janitor = startJanitor()

func startJanitor() chan struct{} {
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Hour)
		for {
			select {
			case <-t.C:
			case <-stop:
				return
			}
		}
	}()
	return stop
}

var flushes = make(chan []byte)

func init() {
	go func() {
		for b := range flushes {
			_ = b
		}
	}()
}

// Log hands b to the flusher.
func Log(b []byte) { flushes <- b }
