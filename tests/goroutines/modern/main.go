// Leaks that only Go 1.23 and later can show: goroutines started under
// pprof labels (Go 1.27 prints them in the goroutine header), a leaked
// iter.Pull (a [coroutine] goroutine), goroutines started by
// sync.WaitGroup.Go (Go 1.25), all of them unreachable so that the
// goroutine leak detector (/debug/pprof/goroutineleak, Go 1.26
// experiment, Go 1.27) proves them leaked.
package main

import (
	"context"
	"fmt"
	"iter"
	"net"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// handle starts a worker for a request that waits for a reply nobody sends.
func handle(ctx context.Context, id string) {
	pprof.Do(ctx, pprof.Labels("request", id, "handler", "/api"), func(ctx context.Context) {
		reply := make(chan int)
		go func() {
			<-reply // want abandoned-channel 3
		}()
	})
}

// count yields forever; a Pull that is never stopped keeps its coroutine.
func count(yield func(int) bool) {
	for i := 0; ; i++ {
		if !yield(i) { // want iter-pull-not-stopped 1
			return
		}
	}
}

func pullOnce() {
	next, _ := iter.Pull(iter.Seq[int](count))
	next()
}

func fanOut() {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			results <- i // want abandoned-channel 4
		})
	}
}

func main() {
	for _, id := range []string{"r-1", "r-2", "r-42"} {
		handle(context.Background(), id)
	}
	pullOnce()
	fanOut()
	serve(9)
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
