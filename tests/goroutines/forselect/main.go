// Seed leak: a for-select loop whose exit case was commented out: the task
// goroutines can never return.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"time"
)

var exit = make(chan struct{})
var other = make(chan int)

func task() {
	for {
		select { // want goroutine-no-exit 5 cause:select
		case <-exit:
			// return
		case v := <-other:
			_ = v // do task
		}
	}
}

func main() {
	for i := 0; i < 5; i++ {
		go task()
	}
	serve(6)
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
