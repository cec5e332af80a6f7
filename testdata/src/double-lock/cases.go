package doublelock

import (
	"errors"
	"sync"
)

// ---- leaky: the second Lock blocks forever --------------------------------

type logger struct {
	mu sync.Mutex
}

func (l *logger) create() error { return errors.New("x") }

func (l *logger) exit(err error) {
	l.mu.Lock() // want "'logger.mu' is locked again while it is held: logger.leakOutput calls logger.exit at cases.go:\\d+ with it held \\(locked at cases.go:\\d+\\)"
	defer l.mu.Unlock()
}

// cockroach#9935: the error path calls a method that locks again.
func (l *logger) leakOutput() {
	l.mu.Lock()
	if err := l.create(); err != nil {
		l.exit(err)
	}
	l.mu.Unlock()
}

type proxy struct {
	connTrackLock sync.Mutex
}

func dial() error { return errors.New("x") }

// moby#7559: continue skips the Unlock, the next pass locks again.
func (p *proxy) leakContinue() {
	for i := 0; i < 2; i++ {
		p.connTrackLock.Lock() // want "'proxy.connTrackLock' is locked again while it is held \\(locked at cases.go:\\d+ on some path to here\\)"
		if err := dial(); err != nil {
			continue
		}
		p.connTrackLock.Unlock()
	}
}

type server struct {
	mu    sync.Mutex
	drain bool
}

// grpc#795: the early return forgets Unlock and locks instead.
func (s *server) leakGracefulStop() {
	s.mu.Lock()
	if s.drain {
		s.mu.Lock() // want "'server.mu' is locked again while it is held \\(locked at cases.go:\\d+\\)"
		return
	}
	s.drain = true
	s.mu.Unlock()
}

type gossip struct {
	mu     sync.Mutex
	closed bool
}

func (g *gossip) bootstrap() {
	for {
		g.mu.Lock()
		if g.closed {
			break // returns with g.mu held
		}
		g.mu.Unlock()
	}
}

func (g *gossip) manage() {
	g.mu.Lock() // want "gossip.leakReturnsLocked calls gossip.manage at cases.go:\\d+ with it held \\(gossip.bootstrap returned it locked"
	g.mu.Unlock()
}

// cockroach#584: a callee returns with the lock held.
func (g *gossip) leakReturnsLocked() {
	g.bootstrap()
	g.manage()
}

type mapping struct {
	mut  sync.RWMutex
	addr map[string]int
}

func (m *mapping) notify() {
	m.mut.RLock() // want "'mapping.mut' is locked again while it is held: mapping.leakReadUnderWrite calls mapping.notify"
	m.mut.RUnlock()
}

// syncthing#4829: RLock under the write lock, through a call.
func (m *mapping) leakReadUnderWrite() {
	m.mut.Lock()
	if len(m.addr) > 0 {
		m.notify()
	}
	m.mut.Unlock()
}

type lessor struct {
	mu sync.Mutex
	cp func()
}

func (le *lessor) checkpoint() {
	le.mu.Lock() // want "'lessor.mu' is locked again while it is held: lessor.leakCallback calls lessor.leakCallback.func"
	defer le.mu.Unlock()
}

func (le *lessor) setCheckpointer(cp func()) {
	le.mu.Lock()
	defer le.mu.Unlock()
	le.cp = cp
}

// etcd#10492: a callback stored in a field, through a setter, locks again.
func (le *lessor) leakCallback() {
	le.setCheckpointer(func() { le.checkpoint() })
	le.mu.Lock()
	defer le.mu.Unlock()
	if le.cp != nil {
		le.cp()
	}
}

var regMu sync.Mutex

func register() {
	regMu.Lock() // want "'regMu' is locked again while it is held: leakGlobal calls helper"
	regMu.Unlock()
}

// A package-level mutex through two levels of calls.
func leakGlobal() {
	regMu.Lock()
	defer regMu.Unlock()
	helper()
}

func helper() { register() }

type cache struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *cache) get(k string) string {
	c.mu.RLock() // want "'cache.mu' is read-locked again while read-locked"
	defer c.mu.RUnlock()
	return c.m[k]
}

func (c *cache) put(k, v string) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

// Recursive RLock: a writer queued between the two blocks both.
func (c *cache) leakRecursiveRead() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.get("a") + c.get("b")
}

func leakLocal() {
	var mu sync.Mutex
	mu.Lock()
	work := func() {
		mu.Lock() // want "'mu' is locked again while it is held: leakLocal calls leakLocal.func"
		mu.Unlock()
	}
	work()
	mu.Unlock()
}

// ---- clean look-alikes ---------------------------------------------------

// The fix of cockroach#9935: unlock before calling exit.
func (l *logger) cleanOutput() {
	l.mu.Lock()
	err := l.create()
	l.mu.Unlock()
	if err != nil {
		l.exit(err)
	}
}

// The loop unlocks on every path before the next pass.
func (p *proxy) cleanContinue() {
	for i := 0; i < 2; i++ {
		p.connTrackLock.Lock()
		if err := dial(); err != nil {
			p.connTrackLock.Unlock()
			continue
		}
		p.connTrackLock.Unlock()
	}
}

type node struct {
	mu   sync.Mutex
	next *node
}

// Hand-over-hand: two instances of node.mu, the variable reassigned.
func cleanHandOverHand(n *node) {
	n.mu.Lock()
	for n.next != nil {
		next := n.next
		next.mu.Lock()
		n.mu.Unlock()
		n = next
	}
	n.mu.Unlock()
}

// Two different variables of one type: two instances.
func cleanTwoInstances(a, b *node) {
	a.mu.Lock()
	b.mu.Lock()
	b.mu.Unlock()
	a.mu.Unlock()
}

// The callee unlocks the caller's lock, then takes it back.
func (g *gossip) cleanUnlockRelock() {
	g.mu.Unlock()
	g.mu.Lock()
}

func (g *gossip) cleanCallUnlockRelock() {
	g.mu.Lock()
	g.cleanUnlockRelock()
	g.mu.Unlock()
}

// A mutex used as a hand-over: the goroutine unlocks it, Lock waits.
func cleanSemaphore() {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		mu.Unlock()
	}()
	mu.Lock()
}

// RLock twice with no writer anywhere: harmless.
type table struct {
	mu sync.RWMutex
	v  int
}

func (t *table) read() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.v
}

func (t *table) cleanReadTwice() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.read()
}

type request struct {
	lock *sync.Mutex
}

// Returns a new request locked; each call locks its own instance.
func newLocked() request {
	r := request{lock: &sync.Mutex{}}
	r.lock.Lock()
	return r
}

func cleanFreshInstances() []request {
	var rs []request
	for i := 0; i < 3; i++ {
		rs = append(rs, newLocked())
	}
	return rs
}

type store struct {
	mu sync.RWMutex
}

type txn struct{ s *store }

func (t txn) End() { t.s.mu.Unlock() }

// Read returns with the lock held; the returned txn's End releases it.
func (s *store) write() txn {
	s.mu.Lock()
	return txn{s}
}

func (s *store) cleanReturnedLocked() {
	for i := 0; i < 3; i++ {
		t := s.write()
		t.End()
	}
}

// Deferred unlock in a helper closure (etcd's Renew).
func (le *lessor) cleanDeferredClosure() {
	le.mu.Lock()
	unlock := func() { le.mu.Unlock() }
	defer func() { unlock() }()
}

func (le *lessor) cleanAfterDeferredClosure() {
	le.cleanDeferredClosure()
	le.mu.Lock()
	le.mu.Unlock()
}
