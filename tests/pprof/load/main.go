// load sends POST requests with a body to one URL, bounded in count and in
// time, at about -rate requests per second, and then exits.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	url := flag.String("url", "", "target URL (loopback only)")
	n := flag.Int("n", 500, "at most this many requests")
	rate := flag.Int("rate", 30, "requests per second")
	size := flag.Int("body", 65536, "body size in bytes")
	limit := flag.Duration("for", 15*time.Second, "stop after this long")
	flag.Parse()
	body := bytes.Repeat([]byte("drip"), *size/4)
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(*limit)
	tick := time.NewTicker(time.Second / time.Duration(*rate))
	defer tick.Stop()
	ok, failed := 0, 0
	for i := 0; i < *n && time.Now().Before(deadline); i++ {
		<-tick.C
		resp, err := client.Post(*url, "application/octet-stream", bytes.NewReader(body))
		if err != nil {
			failed++
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		ok++
	}
	fmt.Fprintf(os.Stderr, "load: %d ok, %d failed\n", ok, failed)
}
