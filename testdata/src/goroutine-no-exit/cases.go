package goroutinenoexit

import (
	"context"
	"os"
	"time"
)

func leakCommentedExit(exit, other chan int) {
	go func() { // want "goroutine never exits: its for-select loop at line \\d+ has no return or break out of it"
		for {
			select {
			case <-exit:
				// return
			case <-other:
			}
		}
	}()
}

func leakBreakSelect(exit, jobs chan int) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case <-exit:
				break
			case j := <-jobs:
				_ = j
			}
		}
	}()
}

func task(exit, other chan int) {
	for {
		select {
		case <-exit:
		case <-other:
		}
	}
}

func leakNamed(exit, other chan int) {
	go task(exit, other) // want "goroutine never exits"
}

type server struct{ in chan int }

func (s *server) loop() {
	for {
		select {
		case v := <-s.in:
			_ = v
		}
	}
}

func leakMethod(s *server) {
	go s.loop() // want "goroutine never exits"
}

func leakTicker(t *time.Ticker, work func()) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case <-t.C:
				work()
			}
		}
	}()
}

// The return belongs to the inner function literal.
func leakInnerReturn(in chan []int) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case xs := <-in:
				func() {
					for range xs {
						return
					}
				}()
			}
		}
	}()
}

// A break out of an inner loop stays inside the outer one.
func leakInnerBreak(in chan []int) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case xs := <-in:
			inner:
				for range xs {
					break inner
				}
			}
		}
	}()
}

func cleanReturn(ctx context.Context, in chan int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-in:
			}
		}
	}()
}

func cleanLabeledBreak(done, in chan int) {
	go func() {
	loop:
		for {
			select {
			case <-done:
				break loop
			case <-in:
			}
		}
	}()
}

func cleanRange(in chan int) {
	go func() {
		for v := range in {
			_ = v
		}
	}()
}

func cleanCond(in chan int, stop func() bool) {
	go func() {
		for !stop() {
			select {
			case <-in:
			}
		}
	}()
}

func cleanExit(in chan int) {
	go func() {
		for {
			select {
			case v := <-in:
				if v < 0 {
					os.Exit(1)
				}
			}
		}
	}()
}

func cleanPanic(in chan int) {
	go func() {
		for {
			select {
			case v := <-in:
				if v < 0 {
					panic("bad")
				}
			}
		}
	}()
}

func cleanGoto(in chan int) {
	go func() {
		for {
			select {
			case v := <-in:
				if v < 0 {
					goto out
				}
			}
		}
	out:
	}()
}

func cleanNotGoroutine(exit, other chan int) {
	task(exit, other)
}

func cleanCommaOk(in chan int) {
	go func() {
		for {
			select {
			case _, ok := <-in:
				if !ok {
					return
				}
			}
		}
	}()
}

// A plain for loop over a receive: when jobs is closed it spins on zero
// values, and it never returns either way.
func leakPlainReceive(jobs chan int, handle func(int)) {
	go func() { // want "goroutine never exits: its for loop at line \\d+"
		for {
			j := <-jobs
			handle(j)
		}
	}()
}

func cleanPlainReceiveOk(jobs chan int, handle func(int)) {
	go func() {
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			handle(j)
		}
	}()
}

// No channel operation: a polling loop, not a goroutine stuck on a channel.
func cleanPolling(poll func()) {
	go func() {
		for {
			poll()
			time.Sleep(time.Second)
		}
	}()
}
