// Command timergc tells whether the garbage collector frees unstopped,
// unreferenced tickers: it makes 100000 of them, collects, and prints
// "freed" when most of their objects are gone (Go 1.23 timer semantics)
// or "retained" when the runtime still holds them.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func start() {
	time.NewTicker(time.Hour)
}

func objects() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapObjects
}

func main() {
	const n = 100000
	before := objects()
	for i := 0; i < n; i++ {
		start()
	}
	after := objects()
	if after < before+n/2 {
		fmt.Println("freed")
	} else {
		fmt.Println("retained")
	}
}
