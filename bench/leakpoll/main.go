// leakpoll serves net/http/pprof with -n goroutines blocked forever, half
// of them leaked (each waits on a channel no one else can reach, so Go's
// leak detector proves them leaked) and half waiting on a global channel
// (reachable, so not leaked). Before serving it prints the stop-the-world
// pause of an ordinary runtime.GC() with those goroutines, for comparison
// with the goroutineleak profile's GC.
//
//	leakpoll -n 20000 -addrfile FILE
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"time"
)

var wake = make(chan int)

func leaked() {
	ch := make(chan int)
	<-ch
}

func parked() { <-wake }

// gcPause runs a GC and returns its pause from runtime.MemStats.
func gcPause() time.Duration {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return time.Duration(m.PauseNs[(m.NumGC+255)%256])
}

func main() {
	n := flag.Int("n", 20000, "goroutines blocked forever, half of them leaked")
	addrFile := flag.String("addrfile", "", "write the listen address here")
	flag.Parse()
	for i := 0; i < *n; i++ {
		if i%2 == 0 {
			go leaked()
		} else {
			go parked()
		}
	}
	best := time.Hour
	for i := 0; i < 5; i++ {
		if p := gcPause(); p < best {
			best = p
		}
	}
	fmt.Printf("goroutines %d, ordinary GC pause %.3f ms (best of 5)\n", runtime.NumGoroutine(), float64(best)/1e6)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	if *addrFile != "" {
		tmp := *addrFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(ln.Addr().String()), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, *addrFile); err != nil {
			log.Fatal(err)
		}
	}
	log.Fatal(http.Serve(ln, nil))
}
