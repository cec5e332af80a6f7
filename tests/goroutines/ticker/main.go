// Seed leak: a ticker that is never stopped, read by a loop that never
// ends: each poller keeps its goroutine and its ticker forever.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"sync/atomic"
	"time"
)

var polls int64

func poll() {
	t := time.NewTicker(time.Hour)
	for range t.C { // want ticker-not-stopped 4
		atomic.AddInt64(&polls, 1)
	}
}

func main() {
	for i := 0; i < 4; i++ {
		go poll()
	}
	serve()
}

// serve prints the address of the pprof endpoint once the leak is in place
// and serves it until killed.
func serve() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	time.Sleep(300 * time.Millisecond)
	fmt.Println(ln.Addr().String())
	http.Serve(ln, nil)
}
