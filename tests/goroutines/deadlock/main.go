// Seed leak: an AB-BA deadlock. g1 holds m1 and waits for m2, g2 holds m2
// and waits for m1, g3 waits for m1 too.
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
	m1, m2 := &sync.Mutex{}, &sync.RWMutex{}
	go func() {
		m1.Lock()
		fmt.Fprintln(os.Stderr, "g1 get m1")
		time.Sleep(100 * time.Millisecond)
		m2.Lock() // want lock-order 1 cause:lock-cycle@26,29
		fmt.Fprintln(os.Stderr, "g1 get m2")
	}()
	go func() {
		m2.Lock()
		fmt.Fprintln(os.Stderr, "g2 get m2")
		time.Sleep(100 * time.Millisecond)
		m1.Lock() // want lock-order 1 cause:lock-cycle@19,22
		fmt.Fprintln(os.Stderr, "g2 get m1")
	}()
	go func() {
		time.Sleep(50 * time.Millisecond)
		m1.Lock() // want lock-order 1 cause:holder@19,22
		fmt.Fprintln(os.Stderr, "g3 get m1")
	}()
}

func main() {
	mutexTest()
	serve(4)
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
	time.Sleep(400 * time.Millisecond)
	fmt.Println(ln.Addr().String())
	http.Serve(ln, nil)
}
