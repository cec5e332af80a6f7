package deferinloop

import (
	"bufio"
	"net/http"
	"os"
	"sync"
	"time"
)

func leakRange(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return err
		}
		defer f.Close() // want "defer inside a loop runs only when the function returns"
	}
	return nil
}

func leakFor(n int) {
	for i := 0; i < n; i++ {
		t := time.NewTimer(time.Second)
		defer t.Stop() // want "defer inside a loop"
	}
}

func leakNested(groups [][]string) {
	for _, group := range groups {
		for _, n := range group {
			f, err := os.Open(n)
			if err != nil {
				continue
			}
			defer f.Close() // want "defer inside a loop"
		}
	}
}

func leakInLiteralLoop(names []string) func() {
	return func() {
		for _, n := range names {
			f, _ := os.Open(n)
			defer f.Close() // want "defer inside a loop"
		}
	}
}

// break leaves the inner loop only: the outer one repeats the defer.
func leakBreakInner(groups [][]string) {
	for _, g := range groups {
		for _, n := range g {
			f, _ := os.Open(n)
			defer f.Close() // want "defer inside a loop"
			break
		}
	}
}

// break inside a switch leaves the switch, not the loop.
func leakSwitchBreak(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want "defer inside a loop"
		switch n {
		case "":
			break
		}
	}
}

func leakLabeled(names []string) {
outer:
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want "defer inside a loop"
		if n == "" {
			continue outer
		}
	}
}

func leakChannel(ch chan string) {
	for n := range ch {
		f, _ := os.Open(n)
		defer f.Close() // want "defer inside a loop"
	}
}

func cleanLiteral(names []string) error {
	for _, n := range names {
		if err := func() error {
			f, err := os.Open(n)
			if err != nil {
				return err
			}
			defer f.Close()
			return nil
		}(); err != nil {
			return err
		}
	}
	return nil
}

func cleanReturnAfter(mu *sync.Mutex, items []int) int {
	for _, it := range items {
		if it > 0 {
			mu.Lock()
			defer mu.Unlock()
			return it
		}
	}
	return 0
}

func cleanBreakAfter(mu *sync.Mutex, items []int) {
	for _, it := range items {
		mu.Lock()
		defer mu.Unlock()
		_ = it
		break
	}
}

func cleanAfterLoop(names []string) {
	var files []*os.File
	for _, n := range names {
		f, _ := os.Open(n)
		files = append(files, f)
	}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
}

func cleanGoroutine(wg *sync.WaitGroup, n int) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
}

func cleanNamed(names []string) {
	for _, n := range names {
		process(n)
	}
}

func process(n string) {
	f, err := os.Open(n)
	if err != nil {
		return
	}
	defer f.Close()
}

func cleanPanicAfter(mu *sync.Mutex) {
	for {
		mu.Lock()
		defer mu.Unlock()
		panic("done")
	}
}

func cleanLabeledBreak(mu *sync.Mutex, items []int) {
loop:
	for range items {
		mu.Lock()
		defer mu.Unlock()
		break loop
	}
}

// Pagination: one response body per page stays open until the end.
func leakPagination(c *http.Client, url string) error {
	for {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close() // want "defer inside a loop"
		url = resp.Header.Get("Link")
		if url == "" {
			return nil
		}
	}
}

// Driven by input: one file per line read.
func leakScanner(sc *bufio.Scanner) {
	for sc.Scan() {
		f, err := os.Open(sc.Text())
		if err != nil {
			continue
		}
		defer f.Close() // want "defer inside a loop"
	}
}

// A constant bound, but not a short one.
func leakManyTimes() {
	for i := 0; i < 100000; i++ {
		t := time.NewTimer(time.Second)
		defer t.Stop() // want "defer inside a loop"
	}
}

// Under a condition: whether it runs on more than one iteration depends
// on the data (medium confidence, not shown by default).
func mediumConditional(names []string) {
	for _, n := range names {
		if n == "config" {
			f, _ := os.Open(n)
			defer f.Close()
		}
	}
}

var table = []struct{ name string }{{"a"}, {"b"}, {"c"}}

// A table fixed by the source: three iterations.
func cleanPackageTable() {
	for _, tt := range table {
		f, _ := os.Open(tt.name)
		defer f.Close()
	}
}

func cleanLiteralTable() {
	for _, n := range []string{"tcp", "udp", "unix"} {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

func cleanArray() {
	var names [3]string
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

func cleanConstCount() {
	for i := 0; i < 3; i++ {
		t := time.NewTimer(time.Second)
		defer t.Stop()
	}
}

func cleanLenTable() {
	for i := 0; i < len(table); i++ {
		f, _ := os.Open(table[i].name)
		defer f.Close()
	}
}

// The slice made before the loop holds every file until the end anyway.
func cleanHeldOutside(n int) {
	files := make([]*os.File, n)
	for i := range files {
		files[i], _ = os.Open("x")
		defer files[i].Close()
	}
	_ = files
}

func cleanCloseEach(files []*os.File) {
	for _, f := range files {
		defer f.Close()
	}
}

type node struct {
	mu     sync.Mutex
	parent *node
}

// Hand-over locking up a list: every lock is held to the end on purpose.
func cleanLockParents(n *node) {
	for p := n; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
}

// Cleanup on failure, meant to run when the function returns.
func cleanOnFailure(names []string) (err error) {
	for _, n := range names {
		var f *os.File
		f, err = os.Open(n)
		if err != nil {
			return err
		}
		defer func() {
			if err == nil {
				return
			}
			f.Close()
		}()
	}
	return nil
}
