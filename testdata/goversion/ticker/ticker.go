// Package ticker holds the same code for modules on different go lines:
// `// want` diagnostics are reported on every version, `// want-old` only
// where unreferenced timers are not collected (go < 1.23), `// want-new`
// only where they are (go >= 1.23). tests/t_check_goversion.sh copies it
// into go 1.22, 1.23 and 1.27 modules.
package ticker

import (
	"sync"
	"time"
)

func work() {}

func leakReturnUnstopped(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want-old "ticker 't' is not stopped on every path: the return at line \d+ leaves it running"
	for {
		select {
		case <-t.C:
			work()
		case <-done:
			return
		}
	}
}

func leakTickReturns() {
	c := time.Tick(time.Second) // want-old "time.Tick leaks its ticker once the function returns"
	<-c
}

func leakAfterInLoop(jobs <-chan int) {
	for {
		select {
		case <-time.After(time.Minute): // want-old "time.After in a for-select loop creates a timer on every iteration"
			return
		case j := <-jobs:
			_ = j
		}
	}
}

func leakDiscarded() {
	time.NewTicker(time.Second) // want-old "ticker from time.NewTicker is discarded"
}

func leakDotC() {
	<-time.NewTicker(time.Second).C // want-old "time.NewTicker\(...\).C can never be stopped"
}

// Referenced tickers leak on every version; from 1.23 the rule sees them
// (before 1.23 it took storing a ticker for handing it on).

type server struct {
	tick *time.Ticker
}

func (s *server) leakField() {
	s.tick = time.NewTicker(time.Second) // want-new "ticker stored in field 'tick' is never stopped: it stays referenced"
}

func (s *server) wait() { <-s.tick.C }

var heartbeat = time.NewTicker(time.Minute) // want-new "ticker in package variable 'heartbeat' is never stopped"

func beat() { <-heartbeat.C }

type poller struct {
	every *time.Ticker
}

func leakCompositeField() *poller {
	return &poller{every: time.NewTicker(time.Second)} // want-new "ticker stored in field 'every' is never stopped"
}

func (p *poller) next() { <-p.every.C }

func leakGoroutineRange() {
	t := time.NewTicker(time.Second) // want-old "ticker 't' is not stopped on every path" want-new "ticker 't' is never stopped and the goroutine started at line \d+ waits on it with no way out"
	go func() {
		for range t.C {
			work()
		}
	}()
}

func leakWaitGroupGo() {
	var wg sync.WaitGroup
	t := time.NewTicker(time.Second) // want-old "ticker 't' is not stopped on every path" want-new "the goroutine started at line \d+ waits on it with no way out"
	wg.Go(func() {
		for {
			<-t.C
			work()
		}
	})
}

// From 1.23 the ticker is collected once the goroutine returns.
func leakGoroutineWithExit(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want-old "ticker 't' is not stopped on every path"
	go func() {
		for {
			select {
			case <-t.C:
				work()
			case <-done:
				return
			}
		}
	}()
}

func cleanStopped(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			work()
		case <-done:
			return
		}
	}
}

type client struct {
	ticker *time.Ticker
}

func (c *client) cleanFieldStopped() {
	c.ticker = time.NewTicker(time.Second)
}

func (c *client) Close() { c.ticker.Stop() }

var refresh *time.Ticker

func cleanGlobalStopped() {
	refresh = time.NewTicker(time.Minute)
}

func stopRefresh() { refresh.Stop() }

func cleanGoroutineStops() {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for i := 0; i < 3; i++ {
			<-t.C
		}
	}()
}

func cleanReturned() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

// An exported field or variable may be stopped by another package.
type Exported struct {
	Tick *time.Ticker
}

func (e *Exported) cleanExportedField() {
	e.Tick = time.NewTicker(time.Second)
}

var Clock = time.NewTicker(time.Minute)
