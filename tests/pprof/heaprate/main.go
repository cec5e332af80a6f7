// heaprate allocates a known pattern at the default runtime.MemProfileRate
// and writes the heap profile twice, from the same GC cycle: heap.txt
// (legacy text, debug=1) and heap.pb.gz (protobuf, debug=0).
//
//	heaprate -out DIR
//
// The pattern (sizes and counts are printed by -pattern):
//
//	main.keepSmall  262144 objects of 128 B, kept      (32 MiB in use)
//	main.keepBig        32 objects of 1 MiB, kept      (32 MiB in use)
//	main.churn        2048 objects of 16 KiB, dropped  (32 MiB allocated)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

const (
	smallN, smallSize = 262144, 128
	bigN, bigSize     = 32, 1 << 20
	churnN, churnSize = 2048, 16 << 10
)

var (
	small [][]byte
	big   [][]byte
	sink  []byte
)

//go:noinline
func keepSmall() {
	for i := 0; i < smallN; i++ {
		small = append(small, make([]byte, smallSize))
	}
}

//go:noinline
func keepBig() {
	for i := 0; i < bigN; i++ {
		big = append(big, make([]byte, bigSize))
	}
}

//go:noinline
func churn() {
	for i := 0; i < churnN; i++ {
		sink = make([]byte, churnSize)
	}
	sink = nil
}

func write(dir, name string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("heap").WriteTo(f, debug); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.Close()
}

func main() {
	out := flag.String("out", ".", "output directory")
	pattern := flag.Bool("pattern", false, "print the pattern: function objects size kept(0/1)")
	flag.Parse()
	if *pattern {
		fmt.Println("main.keepSmall", smallN, smallSize, 1)
		fmt.Println("main.keepBig", bigN, bigSize, 1)
		fmt.Println("main.churn", churnN, churnSize, 0)
		return
	}
	// small is grown by append: give it its room first, so that the
	// slice headers do not count against main.keepSmall's objects.
	small = make([][]byte, 0, smallN)
	keepSmall()
	keepBig()
	churn()
	runtime.GC()
	runtime.GC()
	// No allocation that could start a GC between the two writes: both
	// show the same completed cycle.
	write(*out, "heap.txt", 1)
	write(*out, "heap.pb.gz", 0)
	runtime.KeepAlive(small)
	runtime.KeepAlive(big)
}
