// Seed leak: a ticker that is never stopped, read by a loop that never
// ends: each poller keeps its goroutine and its ticker forever.
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
	for range t.C { // want ticker-leak 4
		atomic.AddInt64(&polls, 1)
	}
}

func main() {
	for i := 0; i < 4; i++ {
		go poll()
	}
	serve(5)
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
