package chanpartner

import (
	"context"
	"errors"
)

// A wait on a context's Done() whose cancel nothing can call in time.

type session struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// cockroach#13197's transaction: only rollback cancels, and nothing
// calls it.
func openSession(parent context.Context) *session {
	ctx, cancel := context.WithCancel(parent)
	s := &session{ctx: ctx, cancel: cancel}
	go s.await()
	return s
}

func (s *session) await() {
	<-s.ctx.Done() // want "goroutine blocks forever receiving from s.ctx.Done\\(\\): no call of its cancel function can run before it"
}

func (s *session) rollback() { s.abort() }

func (s *session) abort() { s.cancel() }

type rows struct {
	cancel context.CancelFunc
}

// cockroach#13755's rows: the waiter itself cancels, after waiting.
func (r *rows) watch(parent context.Context) {
	var ctx context.Context
	ctx, r.cancel = context.WithCancel(parent)
	go r.awaitClose(ctx)
}

func (r *rows) awaitClose(ctx context.Context) {
	<-ctx.Done() // want "goroutine blocks forever receiving from ctx.Done\\(\\): no call of its cancel function can run before it"
	r.finish(ctx.Err())
}

func (r *rows) finish(err error) {
	_ = err
	r.cancel()
}

// The same waits with a cancel that something can call first.

type lease struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func cleanLease(parent context.Context) *lease {
	ctx, cancel := context.WithCancel(parent)
	l := &lease{ctx: ctx, cancel: cancel}
	go l.await()
	return l
}

func (l *lease) await() { <-l.ctx.Done() }

// Close is exported: another package calls it.
func (l *lease) Close() { l.cancel() }

type ticket struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func cleanTicket(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	t := &ticket{ctx: ctx, cancel: cancel}
	go t.await()
	go t.expire() // started here: it runs while await waits
}

// Ticket lets other packages start one.
func Ticket(parent context.Context) { cleanTicket(parent) }

func (t *ticket) await()  { <-t.ctx.Done() }
func (t *ticket) expire() { t.cancel() }

type grant struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func cleanGrant(parent context.Context) func() {
	ctx, cancel := context.WithCancel(parent)
	g := &grant{ctx: ctx, cancel: cancel}
	go g.await()
	return g.revoke // a method value: whoever holds it may call it
}

func (g *grant) await()  { <-g.ctx.Done() }
func (g *grant) revoke() { g.cancel() }

type poller struct {
	cancel context.CancelFunc
}

// The waiter cancels after waiting, but in a loop: a later pass waits on
// a context the earlier one's cancel may already have ended.
func (p *poller) cleanPoll(parent context.Context) {
	for i := 0; i < 3; i++ {
		var ctx context.Context
		ctx, p.cancel = context.WithCancel(parent)
		go p.stop()
		<-ctx.Done()
		p.stop()
	}
}

func (p *poller) stop() { p.cancel() }

// kubernetes#25331's watcher: the receiver's ctx.Done() case is no way
// out when only the sender (after its send) and the receiver (after its
// receive) cancel: the send on errs is always received.
type errWatch struct {
	ctx    context.Context
	cancel context.CancelFunc
	errs   chan error
	out    chan bool
}

func newErrWatch() *errWatch {
	ctx, cancel := context.WithCancel(context.Background())
	return &errWatch{ctx: ctx, cancel: cancel, errs: make(chan error), out: make(chan bool, 1)}
}

func (w *errWatch) stop() {
	w.errs <- errors.New("stopped")
	w.cancel()
}

func (w *errWatch) run() {
	select {
	case err := <-w.errs:
		w.cancel()
		w.out <- err != nil
	case <-w.ctx.Done():
	}
}

func (w *errWatch) result() bool { return <-w.out }

func cleanErrWatch() bool {
	w := newErrWatch()
	go w.run()
	go w.stop()
	return w.result()
}
