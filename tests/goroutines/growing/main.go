// A service that leaks a goroutine per request: the caller gives up
// waiting for its backend on timeout, and the backend goroutine then
// blocks forever sending its answer on an unbuffered channel. GET
// /work?n=K runs K calls and answers once their goroutines are stuck.
// drip goroutines --base must see the backend line grow.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"strconv"
	"sync/atomic"
	"time"
)

var spawned, stuck int64

func fetch(timeout time.Duration) (int, bool) {
	ch := make(chan int)
	gaveUp := make(chan struct{})
	atomic.AddInt64(&spawned, 1)
	go func() {
		<-gaveUp // the backend answers only after the caller gave up
		atomic.AddInt64(&stuck, 1)
		ch <- 42 // want abandoned-channel growing
	}()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(timeout):
		close(gaveUp)
		return 0, false
	}
}

func work(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	for i := 0; i < n; i++ {
		fetch(time.Millisecond)
	}
	// answer once every backend goroutine has reached its send and parked
	for i := 0; i < 1000 && atomic.LoadInt64(&stuck) < atomic.LoadInt64(&spawned); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/work", work)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().String())
	http.Serve(ln, nil)
}
