// Seed leak: ten goroutines send on an unbuffered channel, one receives:
// nine senders block forever.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"time"
)

func channelTest() {
	c := make(chan int)
	for i := 0; i < 10; i++ {
		go func() {
			c <- 1 // want abandoned-channel 9 cause:partner@24
			fmt.Fprintln(os.Stderr, "g1 send succeed")
		}()
	}
	go func() {
		<-c
		fmt.Fprintln(os.Stderr, "g2 receive succeed")
	}()
}

func main() {
	channelTest()
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
