// heapgen writes real profiles for drip's tests and benchmark: a heap
// profile (protobuf and legacy text) with many distinct call stacks, and a
// goroutine profile with some goroutines blocked forever.
//
//	heapgen -out DIR [-stacks N] [-rate R] [-keep K] [-legacy=false]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

var (
	kept    [][]byte
	keptStr []string
	sink    []byte
)

// keep retains one allocation of every keepEvery-th stack.
var keepEvery = 3

//go:noinline
func leaf(code int) {
	b := make([]byte, 64+code%512) // heapgen.go: the leaf allocation
	if code%keepEvery == 0 {
		kept = append(kept, b)
	} else {
		sink = b
	}
}

// step descends one level; each digit of code picks a different function,
// so every code gets its own call stack.
//
//go:noinline
func step(depth, code, full int) {
	if depth == 0 {
		leaf(full)
		return
	}
	switch code % 10 {
	case 0:
		s0(depth-1, code/10, full)
	case 1:
		s1(depth-1, code/10, full)
	case 2:
		s2(depth-1, code/10, full)
	case 3:
		s3(depth-1, code/10, full)
	case 4:
		s4(depth-1, code/10, full)
	case 5:
		s5(depth-1, code/10, full)
	case 6:
		s6(depth-1, code/10, full)
	case 7:
		s7(depth-1, code/10, full)
	case 8:
		s8(depth-1, code/10, full)
	default:
		s9(depth-1, code/10, full)
	}
}

//go:noinline
func s0(d, c, f int) { step(d, c, f) }

//go:noinline
func s1(d, c, f int) { step(d, c, f) }

//go:noinline
func s2(d, c, f int) { step(d, c, f) }

//go:noinline
func s3(d, c, f int) { step(d, c, f) }

//go:noinline
func s4(d, c, f int) { step(d, c, f) }

//go:noinline
func s5(d, c, f int) { step(d, c, f) }

//go:noinline
func s6(d, c, f int) { step(d, c, f) }

//go:noinline
func s7(d, c, f int) { step(d, c, f) }

//go:noinline
func s8(d, c, f int) { step(d, c, f) }

//go:noinline
func s9(d, c, f int) { step(d, c, f) }

// retainSubstrings keeps tiny prefixes of big strings: the seed's
// substring retention.
//
//go:noinline
func retainSubstrings(n int) {
	for i := 0; i < n; i++ {
		big := strings.Repeat("x", 1<<16)
		keptStr = append(keptStr, big[:8])
	}
}

func blockForever(ch chan int) { <-ch }

func main() {
	out := flag.String("out", ".", "output directory")
	stacks := flag.Int("stacks", 1000, "distinct call stacks to allocate from")
	rate := flag.Int("rate", 1, "runtime.MemProfileRate")
	keep := flag.Int("keep", 3, "retain every K-th allocation")
	blocked := flag.Int("blocked", 10, "goroutines blocked forever")
	legacy := flag.Bool("legacy", true, "also write heap.txt, the legacy text form (slow for big profiles)")
	flag.Parse()
	runtime.MemProfileRate = *rate
	keepEvery = *keep
	depth := 1
	for n := 10; n < *stacks; n *= 10 {
		depth++
	}
	for i := 0; i < *stacks; i++ {
		step(depth, i, i)
	}
	retainSubstrings(64)
	ch := make(chan int)
	for i := 0; i < *blocked; i++ {
		go blockForever(ch)
	}
	runtime.GC()
	runtime.GC()
	write := func(name, profile string, debug int) {
		f, err := os.Create(filepath.Join(*out, name))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		f.Close()
	}
	write("heap.pb.gz", "heap", 0)
	if *legacy {
		write("heap.txt", "heap", 1)
	}
	write("goroutine.pb.gz", "goroutine", 0)
	runtime.KeepAlive(kept)
	runtime.KeepAlive(keptStr)
}
