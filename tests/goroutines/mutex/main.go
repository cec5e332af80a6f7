// Seed leak: a mutex that is never unlocked. Ten goroutines take it; the
// first keeps it, nine block on Lock forever.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

func mutexTest() {
	mutex := sync.Mutex{}
	for i := 0; i < 10; i++ {
		go func(i int) {
			mutex.Lock() // want mutex-not-unlocked 9 cause:lock-leaked@20
			fmt.Fprintf(os.Stderr, "%d goroutine get mutex\n", i)
			time.Sleep(100 * time.Millisecond)
		}(i)
	}
}

func main() {
	mutexTest()
	serve(10)
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
