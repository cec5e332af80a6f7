// Seed leak: a channel declared and never made. Sends and receives on a
// nil channel block forever.
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
	var c chan int
	go func() {
		c <- 1 // want nil-channel 1
		fmt.Fprintln(os.Stderr, "g1 send succeed")
	}()
	go func() {
		<-c // want nil-channel 1
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
