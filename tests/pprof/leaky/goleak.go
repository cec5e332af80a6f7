package main

import (
	"fmt"
	"net/http"
	"time"
)

func compute() int {
	time.Sleep(5 * time.Millisecond)
	return 42
}

// goleakHandler answers after 1ms; the worker it started then blocks
// forever on its send, since nobody receives any more.
func goleakHandler(w http.ResponseWriter, r *http.Request) {
	ch := make(chan int)
	go func() {
		ch <- compute() // LEAK-GOROUTINE
	}()
	select {
	case v := <-ch: // LEAK-RECEIVER
		fmt.Fprintln(w, v)
	case <-time.After(time.Millisecond):
		fmt.Fprintln(w, "timeout")
	}
}
