package chanpartner

// Channels handed out by getters (`return s.donec`) and buffered channels
// filled by a loop: the flow layer maps a getter's call to the channel it
// returns, so `<-s.done()` is a receive on s.donec.

type quiescer struct {
	quiesce chan struct{}
	stop    chan struct{}
}

func newQuiescer() *quiescer {
	return &quiescer{quiesce: make(chan struct{}), stop: make(chan struct{})}
}

func (s *quiescer) shouldQuiesce() <-chan struct{} {
	if s == nil {
		return nil
	}
	return s.quiesce
}

func (s *quiescer) shouldStop() <-chan struct{} { return s.stop }

func (s *quiescer) Stop() { close(s.stop) }

// cockroach#25456: nothing ever closes quiesce.
func leakGetterNeverClosed(s *quiescer) {
	go func() {
		<-s.shouldQuiesce() // want "goroutine blocks forever receiving from 'quiescer.quiesce': nothing in the package ever sends on or closes it"
	}()
}

type drainer struct{ drained chan struct{} }

func newDrainer() *drainer { return &drainer{drained: make(chan struct{})} }

func (d *drainer) shouldDrain() <-chan struct{} { return d.drained }

type store struct{ d *drainer }

func (s *store) drainer() *drainer { return s.d }

type replica struct{ store *store }

// The getter reached through another getter.
func (r *replica) leakChainedGetter() {
	<-r.store.drainer().shouldDrain() // want "goroutine blocks forever receiving from 'drainer.drained'"
}

type recvBuffer struct{ c chan bool }

func newRecvBuffer() *recvBuffer { return &recvBuffer{c: make(chan bool)} }

func (b *recvBuffer) get() <-chan bool { return b.c }

// grpc#1275: a read that waits in a one-case select on a channel nobody
// feeds.
func (b *recvBuffer) leakRead() {
	select {
	case <-b.get(): // want "goroutine blocks forever receiving from 'recvBuffer.c'"
	}
}

type events struct{ ev chan int }

func newEvents() *events { return &events{ev: make(chan int)} }

// Exported, but it hands out a receive-only channel: code outside can
// only receive, so it cannot be the missing sender.
func (e *events) Events() <-chan int { return e.ev }

func (e *events) leakRangeGetter() int {
	n := 0
	for v := range e.Events() { // want "goroutine blocks forever ranging over 'events.ev'"
		n += v
	}
	return n
}

type watcher struct {
	input  chan int
	result chan int
}

func newWatcher(size int) *watcher {
	w := &watcher{input: make(chan int, size), result: make(chan int, size)}
	go w.process([]int{1, 2})
	return w
}

func (w *watcher) send(v int) {
	w.result <- v // want "goroutine blocks forever sending on 'watcher.result' once its buffer is full: nothing in the package ever receives from it"
}

// kubernetes#38669: the initial events are sent on result, which nobody
// reads: once its buffer is full the goroutine blocks.
func (w *watcher) process(initial []int) {
	for _, v := range initial {
		w.send(v)
	}
	defer close(w.result)
	for range w.input {
	}
}

func (w *watcher) Stop() { close(w.input) }

type journal struct{ lines chan string }

func newJournal() *journal { return &journal{lines: make(chan string, 16)} }

// A buffered channel filled by a loop and never drained.
func (j *journal) leakFillLoop(in []string) {
	for _, l := range in {
		j.lines <- l // want "goroutine blocks forever sending on 'journal.lines' once its buffer is full"
	}
}

type progress struct{ steps chan int }

func newProgress() *progress { return &progress{steps: make(chan int, 4)} }

// A goroutine reporting progress on a buffer nobody reads.
func (p *progress) leakProgress(n int) {
	go func() {
		for i := 0; i < n; i++ {
			p.steps <- i // want "goroutine blocks forever sending on 'progress.steps' once its buffer is full"
		}
	}()
}

type pump struct{ ticks chan int }

func newPump() *pump { return &pump{ticks: make(chan int)} }

func (p *pump) tick() chan int { return p.ticks }

// An unexported getter returning a plain chan, used for a send nobody
// receives.
func (p *pump) leakSendThroughGetter() {
	p.tick() <- 1 // want "goroutine blocks forever sending on 'pump.ticks'"
}

// ---- clean look-alikes ----

// The getter's channel is closed by Stop.
func cleanGetterClosed(s *quiescer) {
	go func() {
		<-s.shouldStop()
	}()
	s.Stop()
}

type ticker struct{ t chan int }

func newTicker() *ticker { return &ticker{t: make(chan int)} }

func (t *ticker) c() <-chan int { return t.t }

func (t *ticker) run() {
	for i := 0; ; i++ {
		t.t <- i
	}
}

// The getter's channel has a sender.
func (t *ticker) cleanGetterFed() int {
	go t.run()
	return <-t.c()
}

type doneOnly struct{ d chan struct{} }

func newDoneOnly() *doneOnly { return &doneOnly{d: make(chan struct{})} }

func (d *doneOnly) done() <-chan struct{} { return d.d }

func waitOn(c <-chan struct{}) { <-c }

// The getter's result is passed on: its partners may be anywhere.
func (d *doneOnly) cleanGetterPassed() {
	waitOn(d.done())
	<-d.d
}

type kept struct{ k chan int }

func newKept() *kept { return &kept{k: make(chan int)} }

func (k *kept) ch() <-chan int { return k.k }

var keptChans []<-chan int

// The getter's result is kept: someone else may feed it.
func (k *kept) cleanGetterKept() {
	c := k.ch()
	keptChans = append(keptChans, c)
	<-k.k
}

type public struct{ p chan int }

func newPublic() *public { return &public{p: make(chan int)} }

// Exported and bidirectional: code outside may send.
func (p *public) C() chan int { return p.p }

func (p *public) cleanExportedGetter() int { return <-p.C() }

type outbox struct{ q chan int }

func newOutbox() *outbox { return &outbox{q: make(chan int, 8)} }

func (o *outbox) drain() {
	for range o.q {
	}
}

// A buffered channel filled by a loop, and drained.
func (o *outbox) cleanFillDrained(in []int) {
	go o.drain()
	for _, v := range in {
		o.q <- v
	}
}

// A local buffer filled up to its capacity on purpose.
func cleanLocalFill(n int) int {
	c := make(chan int, n)
	for i := 0; i < n; i++ {
		c <- i
	}
	return len(c)
}

type latch struct{ l chan int }

func newLatch() *latch { return &latch{l: make(chan int, 1)} }

// One send into a buffer of one never waits.
func (l *latch) cleanSingleBuffered() {
	l.l <- 1
}

type feedOut struct{ out chan int }

func newFeedOut() *feedOut { return &feedOut{out: make(chan int)} }

// Exported receive-only getter: a send can have its receiver outside.
func (f *feedOut) Out() <-chan int { return f.out }

func (f *feedOut) cleanSendOutside() {
	f.out <- 1
}
