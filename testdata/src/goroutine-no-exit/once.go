package goroutinenoexit

import (
	"sync"
	"time"
)

// Goroutines started once per process serve it for its whole life: behind
// a started flag, through a sync.Once (a literal or a method value, or a
// function only a Once calls), in init. Started again on every call, the
// same loops leak.

var (
	updates chan int
	started bool
	once    sync.Once
	jobs    chan int
	loopMu  sync.Mutex
)

func cleanStartedFlag() {
	if updates != nil {
		return
	}
	updates = make(chan int)
	go func() {
		for {
			select {
			case v := <-updates:
				_ = v
			}
		}
	}()
}

func cleanStartedBool() {
	loopMu.Lock()
	defer loopMu.Unlock()
	if started {
		return
	}
	started = true
	go func() {
		for {
			<-updates
		}
	}()
}

// The flag is tested but never set: every call starts another goroutine.
func leakFlagNeverSet() {
	if updates != nil {
		return
	}
	go func() { // want "goroutine never exits: its for-select loop"
		for {
			select {
			case <-jobs:
			}
		}
	}()
}

type worker struct{ once sync.Once }

func (w *worker) startWorker() {
	go func() {
		for {
			select {
			case j := <-jobs:
				_ = j
			}
		}
	}()
}

func (w *worker) cleanOnceMethodValue(j int) {
	w.once.Do(w.startWorker)
	jobs <- j
}

func startPump() {
	go func() {
		for {
			<-jobs
		}
	}()
}

func cleanOnceFuncValue() {
	once.Do(startPump)
}

func startPumpTwice() {
	go func() { // want "goroutine never exits: its for loop"
		for {
			<-jobs
		}
	}()
}

// startPumpTwice runs through the Once, but also on every call.
func leakOnceAndDirect() {
	once.Do(startPumpTwice)
	startPumpTwice()
}

func init() {
	go func() {
		for {
			<-jobs
		}
	}()
}

func cleanInit() {}

// A periodic checker started by an exported function: one per configured
// check at startup, or one per request; the callers, in other packages,
// decide (medium confidence).
type status struct{ err error }

func CleanPeriodicChecker(check func() error, period time.Duration) *status {
	s := &status{}
	go func() {
		t := time.NewTicker(period)
		for {
			<-t.C
			s.err = check()
		}
	}()
	return s
}

func periodic(check func() error, period time.Duration) {
	go func() { // want "goroutine never exits: its for loop"
		t := time.NewTicker(period)
		for {
			<-t.C
			_ = check()
		}
	}()
}

func leakPeriodicPerItem(checks []func() error) {
	for _, c := range checks {
		periodic(c, time.Second)
	}
}

// Exported, but it also waits on a work channel: high confidence.
func LeakExportedWorker(period time.Duration) {
	go func() { // want "goroutine never exits: its for-select loop"
		t := time.NewTicker(period)
		for {
			select {
			case <-t.C:
			case <-jobs:
			}
		}
	}()
}
