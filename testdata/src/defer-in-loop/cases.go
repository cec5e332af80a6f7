package deferinloop

import (
	"os"
	"sync"
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

func leakFor(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		defer mu.Unlock() // want "defer inside a loop"
	}
}

func leakNested(groups [][]string) {
	for _, group := range groups {
		for _, n := range group {
			f, err := os.Open(n)
			if err == nil {
				defer f.Close() // want "defer inside a loop"
			}
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
