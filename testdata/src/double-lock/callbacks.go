package doublelock

import "sync"

// A call of a function parameter runs what the callers pass for it, also
// when a parameter is handed on (kubernetes' wait.Until(f, period, stop)
// inside JitterUntil).

func jitterUntil(f func(), stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		f()
	}
}

func until(f func(), stop <-chan struct{}) { jitterUntil(f, stop) }

type cacher struct {
	mu      sync.Mutex
	entries map[string]int
}

// The literal locks c.mu, and until runs it while leakRefresh holds it.
func (c *cacher) leakRefresh(stop <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	until(func() {
		c.mu.Lock() // want "'cacher.mu' is locked again while it is held: cacher.leakRefresh calls until at callbacks.go:\\d+ with it held"
		c.entries["n"]++
		c.mu.Unlock()
	}, stop)
}

func forEach(keys []string, f func(string)) {
	for _, k := range keys {
		f(k)
	}
}

// The lock is taken inside the callback only: nothing holds it around
// the call.
func (c *cacher) cleanRefreshUnlocked(keys []string) {
	forEach(keys, func(k string) {
		c.mu.Lock()
		c.entries[k]++
		c.mu.Unlock()
	})
}

type pair struct {
	a, b sync.Mutex
	n    int
}

func apply(f func()) { f() }

// Two callers pass two functions for apply's f, each locking what the
// other holds: drip does not tell the callers apart, so it binds f to
// neither rather than to both.
func (p *pair) cleanCallerA() {
	p.a.Lock()
	defer p.a.Unlock()
	apply(func() {
		p.b.Lock()
		p.n++
		p.b.Unlock()
	})
}

func (p *pair) cleanCallerB() {
	p.b.Lock()
	defer p.b.Unlock()
	apply(func() {
		p.a.Lock()
		p.n--
		p.a.Unlock()
	})
}

func runOnce(f func()) { f() }

// A function value passed for the parameter that does not lock.
func (p *pair) cleanNoLock() {
	p.a.Lock()
	defer p.a.Unlock()
	runOnce(tick)
}

func tick() {}
