package lockacrossblock

import (
	"sync"
	"time"
)

// ---- leaky: blocked while holding what the partner needs -------------

type statusManager struct {
	lock sync.Mutex
	ch   chan bool
}

func newStatusManager() *statusManager { return &statusManager{ch: make(chan bool)} }

func (s *statusManager) start() {
	go func() {
		for i := 0; i < 2; i++ {
			s.syncBatch()
		}
	}()
}

func (s *statusManager) syncBatch() {
	<-s.ch
	s.deleteStatus()
}

func (s *statusManager) deleteStatus() {
	s.lock.Lock()
	defer s.lock.Unlock()
}

// kubernetes#10182: the receiver needs the lock to come back for more.
func (s *statusManager) leakSendUnderLock() {
	s.lock.Lock()
	defer s.lock.Unlock()
	s.ch <- true // want "statusManager.leakSendUnderLock sends on channel 'statusManager.ch' while holding 'statusManager.lock', but statusManager.syncBatch, which receives from it"
}

type broadcasts struct {
	mu      sync.Mutex
	updatec chan int
	donec   chan struct{}
}

func newBroadcasts() *broadcasts {
	b := &broadcasts{updatec: make(chan int, 1), donec: make(chan struct{})}
	go func() {
		defer close(b.donec)
		for u := range b.updatec {
			b.coalesce(u)
		}
	}()
	return b
}

func (b *broadcasts) coalesce(int) {
	b.mu.Lock()
	b.mu.Unlock()
}

// etcd#6873: waiting for the worker's exit while holding its lock.
func (b *broadcasts) leakStop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.updatec)
	<-b.donec // want "broadcasts.leakStop receives from channel 'broadcasts.donec' while holding 'broadcasts.mu', but newBroadcasts.func, which closes it"
}

type client struct {
	mu    sync.Mutex
	awake chan struct{}
	n     int
}

func (c *client) keepalive() {
	for {
		c.mu.Lock()
		if c.n == 0 {
			<-c.awake // want "client.keepalive receives from channel 'client.awake' while holding 'client.mu', but client.leakNewStream, which sends on it"
		}
		c.mu.Unlock()
	}
}

// grpc#1460: the sender holds the lock at its send.
func (c *client) leakNewStream() {
	c.mu.Lock()
	c.n++
	if c.n == 1 {
		c.awake <- struct{}{} // want "client.leakNewStream sends on channel .client.awake. while holding .client.mu., but client.keepalive, which receives from it"
	}
	c.mu.Unlock()
}

type pool struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (p *pool) work() {
	defer p.wg.Done()
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

// Wait under the lock the workers take before Done.
func (p *pool) leakWaitUnderLock() {
	for i := 0; i < 3; i++ {
		p.wg.Add(1)
		go p.work()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Wait() // want "pool.leakWaitUnderLock waits for WaitGroup 'pool.wg' while holding 'pool.mu', but pool.work, which calls Done"
}

type health struct {
	mu   sync.Mutex
	stop chan struct{}
}

func (h *health) closeMonitor() {
	h.stop <- struct{}{} // want "health.leakThroughHelper sends on channel 'health.stop' while holding 'health.mu', but health.monitor, which receives from it"
}

func (h *health) monitor() {
	for {
		h.mu.Lock()
		h.mu.Unlock()
		select {
		case <-h.stop:
			return
		case <-time.After(time.Second):
		}
	}
}

// moby#28462-like: the blocking send is in a helper.
func (h *health) leakThroughHelper() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closeMonitor()
}

type table struct {
	rw   sync.RWMutex
	req  chan int
	data map[int]int
}

func (t *table) writer() {
	for k := range t.req {
		t.rw.Lock()
		t.data[k] = 1
		t.rw.Unlock()
	}
}

// A read lock held while the partner needs the write lock.
func (t *table) leakReadLockVsWriter() {
	t.rw.RLock()
	defer t.rw.RUnlock()
	t.req <- 1 // want "table.leakReadLockVsWriter sends on channel 'table.req' while holding 'table.rw', but table.writer, which receives from it"
}

var (
	regMu sync.Mutex
	regCh = make(chan string)
)

func registrar() {
	for name := range regCh {
		regMu.Lock()
		_ = name
		regMu.Unlock()
	}
}

// Package-level lock and channel.
func leakGlobal() {
	regMu.Lock()
	regCh <- "x" // want "leakGlobal sends on channel 'regCh' while holding 'regMu', but registrar, which receives from it"
	regMu.Unlock()
}

type queue struct {
	mu    sync.Mutex
	items chan int
}

func (q *queue) consume() {
	for {
		q.mu.Lock()
		v, ok := <-q.items // want "queue.consume receives from channel .queue.items. while holding .queue.mu."
		q.mu.Unlock()
		if !ok {
			return
		}
		_ = v
	}
}

// The consumer receives under the same lock the producer holds.
func (q *queue) leakProduceUnderLock(v int) {
	q.mu.Lock()
	q.items <- v // want "queue.leakProduceUnderLock sends on channel 'queue.items' while holding 'queue.mu', but queue.consume, which receives from it"
	q.mu.Unlock()
}

type stopper struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	tasks int
}

func (s *stopper) finished() { s.wg.Done() }

func (s *stopper) startTask() {
	s.mu.Lock()
	s.tasks++
	s.mu.Unlock()
}

func (s *stopper) runWorker() {
	s.startTask()
	s.mu.Lock()
	s.finished()
	s.mu.Unlock()
}

// The worker's caller holds the lock when it calls the function that
// runs Done (high confidence).
func (s *stopper) leakStopUnderLock() {
	s.wg.Add(1)
	go s.runWorker()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wg.Wait() // want "stopper.leakStopUnderLock waits for WaitGroup 'stopper.wg' while holding 'stopper.mu', but stopper.finished, which calls Done"
}

type notifier struct {
	mu   sync.Mutex
	note chan string
	log  []string
}

func (n *notifier) listenOnce() {
	s := <-n.note
	n.mu.Lock()
	n.log = append(n.log, s)
	n.mu.Unlock()
}

// The partner locks only after its one receive: medium confidence.
func (n *notifier) leakNotifyOnce() {
	go n.listenOnce()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.note <- "x" // want "notifier.leakNotifyOnce sends on channel 'notifier.note' while holding 'notifier.mu', but notifier.listenOnce, which receives from it"
}

type framer struct {
	mu    sync.Mutex
	reset chan bool
	quit  chan bool
}

func newFramer() *framer { return &framer{reset: make(chan bool), quit: make(chan bool)} }

// The monitor only ever closes reset, through a local copy, under mu.
func (f *framer) monitor() {
	reset := f.reset
	<-f.quit
	f.mu.Lock()
	close(reset)
	f.reset = nil
	f.mu.Unlock()
}

// kubernetes#6632-like: nothing receives from reset, so only the closer
// can end this send, and it needs the lock held here.
func (f *framer) leakWriteUnderLock() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reset == nil {
		return
	}
	f.reset <- true // want "framer.leakWriteUnderLock sends on channel 'framer.reset' while holding 'framer.mu', but framer.monitor, which closes it"
}

type probe struct {
	mu    sync.Mutex
	stopc chan struct{}
	other chan struct{}
	hits  int
}

func newProbe() *probe { return &probe{stopc: make(chan struct{}), other: make(chan struct{})} }

func (p *probe) stopChan() chan struct{} { return p.stopc }

func (p *probe) hit() {
	p.mu.Lock()
	p.hits++
	p.mu.Unlock()
}

// watch gets its stop channel as a parameter and probes under p.mu
// until told to stop.
func watch(p *probe, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			p.hit()
		}
	}
}

func (p *probe) startWatch() { go watch(p, p.stopChan()) }

// moby#28462-like: the watcher, handed the channel as an argument,
// needs p.mu before it looks at stop again.
func (p *probe) leakStopWatchUnderLock() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopc <- struct{}{} // want "probe.leakStopWatchUnderLock sends on channel 'probe.stopc' while holding 'probe.mu', but watch, which receives from it"
}

// ---- clean look-alikes ----------------------------------------------

// The fix of kubernetes#10182: send after unlocking.
func (s *statusManager) cleanSendAfterUnlock() {
	s.lock.Lock()
	s.lock.Unlock()
	s.ch <- true
}

// A select that gives up does not block.
func (s *statusManager) cleanSelectDefault() {
	s.lock.Lock()
	defer s.lock.Unlock()
	select {
	case s.ch <- true:
	default:
	}
}

type buffered struct {
	mu sync.Mutex
	ch chan int
}

func newBuffered() *buffered { return &buffered{ch: make(chan int, 16)} }

func (b *buffered) drain() {
	for v := range b.ch {
		b.mu.Lock()
		_ = v
		b.mu.Unlock()
	}
}

// A buffered channel: the send does not wait for the receiver.
func (b *buffered) cleanBuffered() {
	b.mu.Lock()
	b.ch <- 1
	b.mu.Unlock()
}

type readers struct {
	rw sync.RWMutex
	ch chan int
}

func (r *readers) reader() {
	for range r.ch {
		r.rw.RLock()
		r.rw.RUnlock()
	}
}

// Two read locks do not exclude each other.
func (r *readers) cleanReadVsRead() {
	r.rw.RLock()
	defer r.rw.RUnlock()
	r.ch <- 1
}

type starter struct {
	mu   sync.Mutex
	done chan struct{}
}

// The partner locks before it starts the holder, not after.
func (s *starter) cleanLockBeforeStart() {
	s.mu.Lock()
	s.mu.Unlock()
	go s.finish()
	<-s.done
}

func (s *starter) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done <- struct{}{}
}

// A mutex handed to a goroutine that unlocks it (a semaphore).
func cleanHandedLock() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	go func() {
		mu.Unlock()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		mu.Unlock()
	}()
	wg.Wait()
}

type relay struct {
	mu  sync.Mutex
	out chan int
}

func (r *relay) forward(v int) {
	r.mu.Unlock() // the caller's lock is released before blocking
	r.out <- v
	r.mu.Lock()
}

func (r *relay) sink() {
	for range r.out {
		r.mu.Lock()
		r.mu.Unlock()
	}
}

// The callee releases the lock around its blocking send.
func (r *relay) cleanCalleeReleases() {
	r.mu.Lock()
	r.forward(1)
	r.mu.Unlock()
}

type workers struct {
	mu sync.Mutex
	wg sync.WaitGroup
}

// The workers never take the lock the waiter holds.
func (w *workers) cleanWaitNoConflict() {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
	}()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.wg.Wait()
}

// The lock is released before the wait: the worker's caller gets it.
func (s *stopper) cleanStopAfterUnlock() {
	s.wg.Add(1)
	go s.runWorker()
	s.mu.Lock()
	s.tasks = 0
	s.mu.Unlock()
	s.wg.Wait()
}

type logStream struct {
	mu       sync.RWMutex
	closed   bool
	messages chan string
}

func newLogStream() *logStream { return &logStream{messages: make(chan string)} }

func (l *logStream) collect() {
	for m := range l.messages {
		_ = m
	}
}

func (l *logStream) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		close(l.messages)
	}
	l.closed = true
}

// A receiver that needs no lock drains the channel; the closer under the
// lock is not what the send waits for.
func (l *logStream) cleanLogUnderReadLock(m string) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return
	}
	l.messages <- m
}

// The watcher that locks p.mu is handed a channel of its own, not
// p.other, whose receiver takes no lock.
func (p *probe) cleanSendOnUnwatched() {
	go watch(p, make(chan struct{}))
	go func() { <-p.other }()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.other <- struct{}{}
}

type drainer struct {
	mu    sync.Mutex
	stop  sync.WaitGroup
	tasks int
}

func (d *drainer) setStopped() { d.stop.Done() }

func (d *drainer) startTask() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tasks++
}

// cockroach#1055-like: the worker takes the lock (in startTask) before
// it calls the function that runs Done (high confidence).
func (d *drainer) leakStopAfterTask() {
	d.stop.Add(1)
	go func() {
		d.startTask()
		d.setStopped()
	}()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stop.Wait() // want "drainer.leakStopAfterTask waits for WaitGroup 'drainer.stop' while holding 'drainer.mu', but drainer.setStopped, which calls Done"
}

type lateDrainer struct {
	mu    sync.Mutex
	stop  sync.WaitGroup
	tasks int
}

func (d *lateDrainer) setStopped() { d.stop.Done() }

func (d *lateDrainer) startTask() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tasks++
}

// The worker runs Done before it locks: it may not need the lock first
// (medium confidence).
func (d *lateDrainer) leakStopBeforeTask() {
	d.stop.Add(1)
	go func() {
		d.setStopped()
		d.startTask()
	}()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stop.Wait() // want "lateDrainer.leakStopBeforeTask waits for WaitGroup 'lateDrainer.stop' while holding 'lateDrainer.mu', but lateDrainer.setStopped, which calls Done"
}

type otherDrainer struct {
	mu    sync.Mutex
	other sync.Mutex
	stop  sync.WaitGroup
	tasks int
}

func (d *otherDrainer) setStopped() { d.stop.Done() }

func (d *otherDrainer) countOther() {
	d.other.Lock()
	defer d.other.Unlock()
	d.tasks++
}

// The worker takes another lock before it runs Done, not the one held
// here.
func (d *otherDrainer) cleanStopAfterOtherTask() {
	d.stop.Add(1)
	go func() {
		d.countOther()
		d.setStopped()
	}()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stop.Wait()
}

type twoClosers struct {
	mu    sync.Mutex
	done  chan struct{}
	state int
}

func (t *twoClosers) finish() { close(t.done) }

func (t *twoClosers) finishAfterLock() {
	t.mu.Lock()
	t.state++
	t.mu.Unlock()
	t.finish()
}

// A second closer needs no lock: it may end the wait (medium confidence).
func (t *twoClosers) leakWaitTwoClosers() {
	go t.finishAfterLock()
	go func() { close(t.done) }()
	t.mu.Lock()
	defer t.mu.Unlock()
	<-t.done // want "twoClosers.leakWaitTwoClosers receives from channel 'twoClosers.done' while holding 'twoClosers.mu'"
}
