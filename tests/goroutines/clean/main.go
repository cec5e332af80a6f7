// No leak: workers finish, the only goroutines left are the server's and
// the runtime's own. drip must find no suspect here.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"sync"
	"time"
)

func work() {
	var wg sync.WaitGroup
	results := make(chan int, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results <- i * i
		}(i)
	}
	wg.Wait()
	close(results)
	for range results {
	}
}

func main() {
	work()
	serve(1)
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
