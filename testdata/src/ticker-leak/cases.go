package tickerleak

import (
	"errors"
	"time"
)

func leakNoStop(done chan struct{}) {
	t := time.NewTicker(time.Second) // want "ticker 't' is not stopped on every path"
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

func leakEarlyReturn(n int) error {
	t := time.NewTicker(time.Second) // want `the return at line \d+ leaves it running; defer t.Stop\(\)`
	if n < 0 {
		return errors.New("negative")
	}
	defer t.Stop()
	<-t.C
	return nil
}

func leakDropped() <-chan time.Time {
	return time.NewTicker(time.Second).C // want "time.NewTicker\\(...\\).C can never be stopped"
}

func leakTick(n int) {
	for range time.Tick(time.Millisecond) { // want "time.Tick leaks its ticker once the function returns"
		n--
		if n == 0 {
			return
		}
	}
}

func leakTickVar() <-chan time.Time {
	c := time.Tick(time.Second) // want "time.Tick leaks"
	return c
}

func leakAfter(in <-chan int, out chan<- int) {
	for {
		select {
		case v := <-in:
			out <- v
		case <-time.After(time.Minute): // want "time.After in a for-select loop creates a timer on every iteration"
			return
		}
	}
}

func leakVarDecl(done chan bool) {
	var t = time.NewTicker(time.Second) // want "ticker 't' is not stopped"
	select {
	case <-t.C:
	case <-done:
	}
}

func leakAfterDefault(work func() bool) {
	for {
		select {
		case <-time.After(time.Second): // want "time.After in a for-select loop"
			return
		default:
			if !work() {
				return
			}
		}
	}
}

func cleanDeferStop(done chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

func cleanReturned() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

type poller struct{ t *time.Ticker }

func cleanStored(p *poller) {
	t := time.NewTicker(time.Second)
	p.t = t
}

func cleanForever(f func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		f()
	}
}

func cleanTickForever(f func()) {
	for range time.Tick(time.Second) {
		f()
	}
}

func cleanAfterOnce(ch <-chan int) int {
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func cleanAfterAllReturn(ch <-chan int) int {
	for {
		select {
		case v := <-ch:
			return v
		case <-time.After(time.Second):
			return -1
		}
	}
}

func cleanTimerReset(ch <-chan int) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ch:
			t.Reset(time.Second)
		case <-t.C:
			return
		}
	}
}

func cleanStopBothPaths(n int) {
	t := time.NewTicker(time.Second)
	if n > 0 {
		t.Stop()
		return
	}
	<-t.C
	t.Stop()
}

func cleanPassed() {
	t := time.NewTicker(time.Second)
	stopLater(t)
}

func stopLater(t *time.Ticker) { t.Stop() }

// A counted loop ends after a few iterations: its timers end with it.
func cleanAfterCounted(errc chan error) error {
	for i := 0; i < 2; i++ {
		select {
		case err := <-errc:
			if err != nil {
				return err
			}
		case <-time.After(time.Second):
			return errors.New("timeout")
		}
	}
	return nil
}
