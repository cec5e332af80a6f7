// Command ids parks 150 goroutines on one line (chan send) and, between
// them, 15 on another (chan receive), so that the 150 ids come in runs
// with gaps. Each goroutine records its own id; the program writes them
// to IDS (one per line: "send N" or "recv N") and then the goroutine
// dump (debug=2) to DUMP.
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

// parked: all 165 goroutines wait on their channels.
func parked() bool {
	var b bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&b, 2)
	return bytes.Count(b.Bytes(), []byte("[chan send]")) == 150 && bytes.Count(b.Bytes(), []byte("[chan receive]")) == 15
}

func myID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	n, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return n
}

var (
	mu  sync.Mutex
	ids []string
)

func record(kind string, wg *sync.WaitGroup) {
	mu.Lock()
	ids = append(ids, fmt.Sprintf("%s %d", kind, myID()))
	mu.Unlock()
	wg.Done()
}

func main() {
	never, nobody := make(chan int), make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 150; i++ {
		wg.Add(1)
		go func() {
			record("send", &wg)
			never <- 1 // the 150
		}()
		if i%10 == 9 {
			wg.Add(1)
			go func() {
				record("recv", &wg)
				<-nobody // the 15 in between
			}()
		}
	}
	wg.Wait()
	// let every goroutine reach its channel operation
	for i := 0; i < 200 && !parked(); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	for _, s := range ids {
		fmt.Fprintln(f, s)
	}
	f.Close()
	d, err := os.Create(os.Args[2])
	if err != nil {
		panic(err)
	}
	pprof.Lookup("goroutine").WriteTo(d, 2)
	d.Close()
}
