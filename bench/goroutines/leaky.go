// leaky starts N goroutines (first argument) that block forever in six
// ways (channel send and receive, select, mutex, WaitGroup, Cond) at a
// recursion depth of 0 to 7 frames, so the dump has a few dozen distinct
// stacks like a real service. Then it writes the stacks of all goroutines
// (runtime.Stack, the debug=2 format, without the 64 MB cap of the pprof
// endpoint) to stdout and exits. bench/goroutines.sh runs it.
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
	sendCh = make(chan int)
	recvCh = make(chan int)
	selCh  = make(chan int)
	quit   = make(chan struct{})
	mu     sync.Mutex
	wg     sync.WaitGroup
	cond   = sync.NewCond(&sync.Mutex{})
)

func block(kind int, v int) {
	switch kind {
	case 0:
		sendCh <- v
	case 1:
		<-recvCh
	case 2:
		select {
		case <-quit:
		case selCh <- v:
		}
	case 3:
		mu.Lock()
	case 4:
		wg.Wait()
	case 5:
		cond.L.Lock()
		cond.Wait()
		cond.L.Unlock()
	}
}

func descend(depth, kind, v int) int {
	if depth == 0 {
		block(kind, v)
		return v
	}
	return descend(depth-1, kind, v) + 1
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	mu.Lock()
	wg.Add(1)
	for i := 0; i < n; i++ {
		go descend(i%8, i%6, i)
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
