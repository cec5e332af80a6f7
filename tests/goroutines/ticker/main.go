// Seed leak: a ticker that is never stopped, read by a loop that never
// ends: each poller keeps its goroutine and its ticker forever. And a
// poller that does stop its ticker, waiting for a done channel nobody
// closes: a goroutine that cannot exit, whose ticker is no part of it.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"sync/atomic"
	"time"
)

var polls int64

func poll() {
	t := time.NewTicker(time.Hour)
	for range t.C { // want ticker-leak 4 cause:ticker@20
		atomic.AddInt64(&polls, 1)
	}
}

// pollUntil stops its ticker when it returns, but it returns only when
// done is closed, and nobody closes it: the ticker is not what leaks.
func pollUntil(done <-chan struct{}) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		select { // want goroutine-no-exit 2 cause:select@30
		case <-tick.C:
			atomic.AddInt64(&polls, 1)
		case <-done:
			return
		}
	}
}

func main() {
	for i := 0; i < 4; i++ {
		go poll()
	}
	done := make(chan struct{})
	for i := 0; i < 2; i++ {
		go pollUntil(done)
	}
	serve(7)
}

// serve waits until want goroutines exist and have had time to block,
// prints the address of the pprof endpoint and serves it until killed.
func serve(want int) {
	for i := 0; i < 500 && runtime.NumGoroutine() != want; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	time.Sleep(300 * time.Millisecond)
	fmt.Println(ln.Addr().String())
	http.Serve(ln, nil)
}
