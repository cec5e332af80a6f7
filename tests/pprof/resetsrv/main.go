// resetsrv: an HTTP server on 127.0.0.1 that answers every request by
// resetting the connection (SO_LINGER 0, then close), for the test that
// drip watch names a reset as such. It prints its address and exits by
// itself after -life.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	life := flag.Duration("life", 20*time.Second, "exit after this long")
	mid := flag.Bool("mid", false, "reset in the middle of the body, after the headers")
	flag.Parse()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	go func() {
		time.Sleep(*life)
		os.Exit(0)
	}()
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		c, _, err := hj.Hijack()
		if err != nil {
			return
		}
		if *mid {
			fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\ngoroutine profile: total 1\n")
			time.Sleep(50 * time.Millisecond)
		}
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		c.Close()
	}))
}
