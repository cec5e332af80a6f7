// leaky starts N goroutines (first argument) that block forever in six
// ways (channel send and receive, select, mutex, WaitGroup, Cond) at a
// recursion depth of 0 to 7 frames, so the dump has a few dozen distinct
// stacks like a real service. Then it writes the stacks of all goroutines
// (runtime.Stack, the debug=2 format, without the 64 MB cap of the pprof
// endpoint) to stdout and exits. bench/goroutines.sh runs it; the suite
// runs it with 600 goroutines (the "want" counts).
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

var (
	mu   sync.Mutex
	wg   sync.WaitGroup
	cond = sync.NewCond(&sync.Mutex{})
)

// The channels are made in main and handed down: nobody else holds them,
// so the goroutines blocked on them are stuck for good (a channel in a
// package-level variable could still be used by any code).
type chans struct {
	send, recv, sel chan int
	quit            chan struct{}
}

func block(c *chans, kind int, v int) {
	switch kind {
	case 0:
		c.send <- v // want abandoned-channel 100
	case 1:
		<-c.recv // want abandoned-channel 100
	case 2:
		select { // want goroutine-no-exit 100
		case <-c.quit:
		case c.sel <- v:
		}
	case 3:
		mu.Lock() // want mutex-not-unlocked 100
	case 4:
		wg.Wait() // want waitgroup-misuse 100
	case 5:
		cond.L.Lock()
		cond.Wait() // want cond-no-signal 100
		cond.L.Unlock()
	}
}

func descend(c *chans, depth, kind, v int) int {
	if depth == 0 {
		block(c, kind, v)
		return v
	}
	return descend(c, depth-1, kind, v) + 1
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	mu.Lock()
	wg.Add(1)
	c := &chans{make(chan int), make(chan int), make(chan int), make(chan struct{})}
	for i := 0; i < n; i++ {
		go descend(c, i%8, i%6, i)
	}
	// wait until every goroutine has blocked
	for runtime.NumGoroutine() < n+1 {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	buf := make([]byte, 64<<20)
	for {
		k := runtime.Stack(buf, true)
		if k < len(buf) {
			buf = buf[:k]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	if _, err := os.Stdout.Write(buf); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
