// A service that leaks a goroutine per request: the handler gives up
// waiting for its worker on timeout, and the worker then blocks forever
// sending its result on an unbuffered channel. GET /work?n=K runs K
// requests. drip goroutines --base must see the worker line grow.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"strconv"
	"time"
)

func fetch(timeout time.Duration) (int, bool) {
	ch := make(chan int)
	go func() {
		time.Sleep(2 * timeout)
		ch <- 42 // want send-no-receiver growing
	}()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(timeout):
		return 0, false
	}
}

func work(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	for i := 0; i < n; i++ {
		fetch(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // the workers are blocked by now
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
