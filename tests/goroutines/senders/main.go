// Seed leak: ten goroutines send on an unbuffered channel, one receives:
// nine senders block forever.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

func channelTest() {
	c := make(chan int)
	for i := 0; i < 10; i++ {
		go func() {
			c <- 1 // want send-no-receiver 9
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
