package chanpartner

// A partner in a function nothing can call is no partner: the blocked
// side runs (it is exported, or called from what is), its only partner
// never does.

type rowBuffer struct{ data chan int }

func newRowBuffer() *rowBuffer { return &rowBuffer{data: make(chan int, 16)} }

// cockroach#35073: consumerClosed drains data, but nothing calls it; the
// pushes fill the buffer and the next one blocks.
func (rb *rowBuffer) push(v int) {
	rb.data <- v // want "goroutine blocks forever sending on 'rowBuffer.data' once its buffer is full: only rowBuffer.consumerClosed receives from it \\(dead.go:[0-9]+\\), and nothing calls it"
}

func (rb *rowBuffer) consumerClosed() {
	select {
	case <-rb.data:
	default:
	}
}

func PushRows(n int) {
	rb := newRowBuffer()
	for i := 0; i < n; i++ {
		rb.push(i)
	}
}

type signal struct{ done chan struct{} }

func newSignal() *signal { return &signal{done: make(chan struct{})} }

// The only close is in finish, reached only from stop, which nothing
// calls either.
func (s *signal) Await() {
	<-s.done // want "goroutine blocks forever receiving from 'signal.done': only signal.finish sends on or closes it \\(dead.go:[0-9]+\\), and nothing calls it"
}

func (s *signal) finish() { close(s.done) }

func (s *signal) stop() { s.finish() }

func StartSignal() *signal {
	s := newSignal()
	go s.Await()
	return s
}

// The drain is called from an exported function: it may run.
type cleanCalled struct{ data chan int }

func newCleanCalled() *cleanCalled { return &cleanCalled{data: make(chan int, 1)} }

func (c *cleanCalled) push(v int) { c.data <- v }

func (c *cleanCalled) drain() { <-c.data }

func CleanCalledPush(n int) {
	c := newCleanCalled()
	for i := 0; i < n; i++ {
		c.push(i)
		c.drain()
	}
}

// The closer is exported: another package may call it.
type cleanExported struct{ done chan struct{} }

func (c *cleanExported) wait() { <-c.done }

func (c *cleanExported) Close() { close(c.done) }

func CleanExportedWait() *cleanExported {
	c := &cleanExported{done: make(chan struct{})}
	go c.wait()
	return c
}

// The closer is handed on as a method value: drip cannot tell when it
// runs, so it may.
type cleanValue struct{ done chan struct{} }

func (c *cleanValue) wait() { <-c.done }

func (c *cleanValue) finish() { close(c.done) }

func CleanValueWait(register func(func())) {
	c := &cleanValue{done: make(chan struct{})}
	register(c.finish)
	go c.wait()
}

// Both sides are in functions nothing calls: neither runs, nothing to
// report.
type cleanBothDead struct{ done chan struct{} }

func (c *cleanBothDead) wait() { <-c.done }

func (c *cleanBothDead) finish() { close(c.done) }

func cleanBothDeadStart() {
	c := &cleanBothDead{done: make(chan struct{})}
	go c.wait()
}

// kubernetes#70277: the wait's only close is the function's own defer,
// which runs after the wait returns.
func WaitOwnDefer(work func(done <-chan struct{})) {
	stop := make(chan struct{})
	defer close(stop)
	work(nil)
	<-stop // want "goroutine blocks forever receiving from 'stop': only this function's own deferred close \\(dead.go:[0-9]+\\) sends on or closes it, and that runs after it returns"
}

// The close is deferred by the goroutine that does the work: it runs when
// that goroutine ends, while this one waits.
func CleanWorkerDefers(work func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done
}

// The waiter is a goroutine this function starts; the deferred close
// runs when this function returns, and the waiter wakes then.
func CleanWaiterStarted(cleanup func()) {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		<-stop
		cleanup()
	}()
}
