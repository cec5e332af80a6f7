// Command leaky collects the leaks of Go's usual catalogue in one program.
// drip's demo runs `drip check` on this source, and the goroutine dump and
// heap profile beside it were taken from a run of it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

// A goroutine takes the lock and never releases it; every other goroutine
// that wants it blocks forever.
func mutexNeverUnlocked() {
	var mu sync.Mutex
	for i := 0; i < 10; i++ {
		go func(i int) {
			mu.Lock()
			fmt.Fprintf(os.Stderr, "goroutine %d got the mutex\n", i)
			time.Sleep(10 * time.Millisecond)
		}(i)
	}
}

// Two goroutines take two locks in opposite order.
func abbaDeadlock() {
	var m1, m2 sync.Mutex
	go func() {
		m1.Lock()
		time.Sleep(50 * time.Millisecond)
		m2.Lock()
	}()
	go func() {
		m2.Lock()
		time.Sleep(50 * time.Millisecond)
		m1.Lock()
	}()
}

// Sending on and receiving from a nil channel block forever.
func nilChannel() {
	var c chan int
	go func() {
		c <- 1
	}()
	go func() {
		<-c
	}()
}

// Ten senders, one receiver: nine senders block forever.
func tenSendersOneReceiver() {
	c := make(chan int)
	for i := 0; i < 10; i++ {
		go func() {
			c <- 1
		}()
	}
	go func() {
		<-c
	}()
}

var exit = make(chan struct{})
var work = make(chan int)

// The exit case was commented out: the loop cannot end.
func task() {
	for {
		select {
		case <-exit:
			// return
		case v := <-work:
			_ = v
		}
	}
}

// The ticker is never stopped.
func poll(done chan struct{}) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

// Every deferred Close waits until the function returns.
func readAll(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		n++
	}
	return n
}

type Frame struct {
	pixels [1 << 20]byte
}

// A 1 MiB array copied at each call.
func checksum(f Frame) byte {
	var s byte
	for _, b := range f.pixels {
		s ^= b
	}
	return s
}

type node struct {
	buf  [1 << 10]int
	next *node
}

// A finalizer on an object in a cycle: neither is ever collected.
func finalizerCycle() {
	var x, y node
	runtime.SetFinalizer(&x, func(n *node) { fmt.Println("finalized") })
	x.next, y.next = &y, &x
}

// The cancel function is dropped on the early return.
func lostCancel(ctx context.Context, fast bool) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if fast {
		return nil
	}
	defer cancel()
	<-ctx.Done()
	return ctx.Err()
}

var kept = map[int]string{}

// Each entry pins the whole 64 KiB request in memory.
func keepPrefix(i int, request string) {
	kept[i] = request[:16]
}

func main() {
	heap := flag.String("heap", "", "write a heap profile to this file")
	flag.Parse()
	runtime.MemProfileRate = 4096
	mutexNeverUnlocked()
	abbaDeadlock()
	nilChannel()
	tenSendersOneReceiver()
	go task()
	go poll(make(chan struct{}))
	readAll([]string{"/etc/hostname"})
	fmt.Fprintln(os.Stderr, checksum(Frame{}))
	finalizerCycle()
	_ = lostCancel(context.Background(), true)
	for i := 0; i < 200; i++ {
		keepPrefix(i, strings.Repeat("x", 64<<10))
	}
	time.Sleep(300 * time.Millisecond)
	if *heap != "" {
		f, err := os.Create(*heap)
		if err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	// Print every goroutine's stack, the way SIGQUIT would.
	buf := make([]byte, 1<<20)
	os.Stdout.Write(buf[:runtime.Stack(buf, true)])
}
