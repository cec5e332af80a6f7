package condnosignal

import "sync"

// ---- leaky: nobody signals ----------------------------------------------

// moby#30408: activate sets the flag but never broadcasts.
type plugin struct {
	mu           sync.Mutex
	activated    bool
	activateWait *sync.Cond
}

func newPlugin() *plugin {
	p := &plugin{}
	p.activateWait = sync.NewCond(&p.mu)
	return p
}

func (p *plugin) activate() {
	p.mu.Lock()
	p.activated = true
	p.mu.Unlock()
}

func (p *plugin) leakWaitActive() {
	p.mu.Lock()
	for !p.activated {
		p.activateWait.Wait() // want "plugin.activateWait.Wait\\(\\) waits for a Signal or Broadcast that nothing in the package sends"
	}
	p.mu.Unlock()
}

type queue struct {
	mu    sync.Mutex
	cond  sync.Cond
	items []int
}

func (q *queue) push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
}

// A queue whose push forgot to signal.
func (q *queue) leakPop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want "queue.cond.Wait\\(\\) waits"
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// A local Cond nobody else can reach.
func leakLocal() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		c.Wait() // want "c.Wait\\(\\) waits"
	}
	mu.Unlock()
}

var (
	stateMu   sync.Mutex
	stateCond = sync.NewCond(&stateMu)
	state     int
)

func setState(s int) {
	stateMu.Lock()
	state = s
	stateMu.Unlock()
}

// An unexported package-level Cond never signalled.
func leakGlobal() {
	stateMu.Lock()
	for state == 0 {
		stateCond.Wait() // want "stateCond.Wait\\(\\) waits"
	}
	stateMu.Unlock()
}

type barrier struct {
	mu      sync.Mutex
	c       *sync.Cond
	n, seen int
}

func (b *barrier) arrive() {
	b.mu.Lock()
	b.seen++
	b.mu.Unlock()
}

// A barrier whose arrive forgot Broadcast.
func (b *barrier) leakAwait() {
	b.mu.Lock()
	for b.seen < b.n {
		b.c.Wait() // want "barrier.c.Wait\\(\\) waits"
	}
	b.mu.Unlock()
}

type pool struct {
	mu   sync.Mutex
	free *sync.Cond
	n    int
}

func (p *pool) put() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

// get waits in two places; the first Wait is reported.
func (p *pool) leakGet() {
	p.mu.Lock()
	for p.n == 0 {
		p.free.Wait() // want "pool.free.Wait\\(\\) waits"
	}
	p.n--
	for p.n < 0 {
		p.free.Wait()
	}
	p.mu.Unlock()
}

// ---- clean look-alikes --------------------------------------------------

type signalled struct {
	mu   sync.Mutex
	cond *sync.Cond
	ok   bool
}

func (s *signalled) set() {
	s.mu.Lock()
	s.ok = true
	s.mu.Unlock()
	s.cond.Broadcast()
}

// Broadcast in another method.
func (s *signalled) cleanWait() {
	s.mu.Lock()
	for !s.ok {
		s.cond.Wait()
	}
	s.mu.Unlock()
}

type one struct {
	mu   sync.Mutex
	cond sync.Cond
	n    int
}

func (o *one) add() {
	o.mu.Lock()
	o.n++
	o.cond.Signal()
	o.mu.Unlock()
}

// Signal wakes one waiter.
func (o *one) cleanSignal() {
	o.mu.Lock()
	for o.n == 0 {
		o.cond.Wait()
	}
	o.mu.Unlock()
}

// A local Cond broadcast by the goroutine.
func cleanLocal() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		mu.Unlock()
		c.Broadcast()
	}()
	mu.Lock()
	for !ready {
		c.Wait()
	}
	mu.Unlock()
}

// Exported: another package may signal it.
type Shared struct {
	Mu   sync.Mutex
	Cond *sync.Cond
}

func (s *Shared) cleanExported() {
	s.Mu.Lock()
	s.Cond.Wait()
	s.Mu.Unlock()
}

var (
	gMu   sync.Mutex
	gCond = sync.NewCond(&gMu)
)

func wake() { gCond.Broadcast() }

// A package-level Cond with a broadcaster.
func cleanGlobal() {
	gMu.Lock()
	gCond.Wait()
	gMu.Unlock()
}

type helper struct {
	mu sync.Mutex
	c  *sync.Cond
}

func (h *helper) notify() { h.c.Signal() }

// Signalled through a helper method.
func (h *helper) cleanViaHelper() {
	h.mu.Lock()
	h.c.Wait()
	h.mu.Unlock()
}

// A Cond without Wait is not a finding.
func (h *helper) cleanNoWait() {
	h.mu.Lock()
	h.notify()
	h.mu.Unlock()
}

type waiter struct {
	sync.Mutex
	sync.Cond
	done bool
}

func (w *waiter) finish() {
	w.Lock()
	w.done = true
	w.Unlock()
}

// An embedded Cond, never broadcast.
func (w *waiter) leakEmbedded() {
	w.Lock()
	for !w.done {
		w.Wait() // want "waiter.Cond.Wait\\(\\) waits"
	}
	w.Unlock()
}

// A goroutine waiting on a captured Cond nobody signals.
func leakInGoroutine() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	go func() {
		mu.Lock()
		c.Wait() // want "c.Wait\\(\\) waits"
		mu.Unlock()
	}()
}

// Broadcast deferred to the end of the producer.
func cleanDeferredBroadcast() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	done := false
	go func() {
		defer c.Broadcast()
		mu.Lock()
		done = true
		mu.Unlock()
	}()
	mu.Lock()
	for !done {
		c.Wait()
	}
	mu.Unlock()
}
