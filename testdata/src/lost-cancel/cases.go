package lostcancel

import (
	"context"
	"errors"
	"time"
)

func use(ctx context.Context) error { return ctx.Err() }

func leakDiscard(ctx context.Context) context.Context {
	ctx2, _ := context.WithCancel(ctx) // want "the cancel function returned by context.WithCancel is discarded"
	return ctx2
}

func leakEarlyReturn(ctx context.Context, n int) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want "the cancel function returned by context.WithTimeout is not called on all paths"
	if n < 0 {
		return errors.New("negative") // want "this return statement may be reached without calling cancel \\(defined on line \\d+\\)"
	}
	defer cancel()
	return use(ctx)
}

func leakVarForm(ctx context.Context, ok bool) error {
	var c2, cancel = context.WithCancel(ctx) // want "not called on all paths"
	if !ok {
		return nil // want "this return statement"
	}
	cancel()
	return use(c2)
}

func leakSwitch(ctx context.Context, k int) error {
	ctx, cancel := context.WithCancel(ctx) // want "not called on all paths"
	switch k {
	case 0:
		cancel()
		return nil
	case 1:
		return use(ctx) // want "this return statement"
	}
	cancel()
	return nil
}

func leakLoop(ctx context.Context, items []int) error {
	for _, it := range items {
		c, cancel := context.WithTimeout(ctx, time.Second) // want "not called on all paths"
		if it < 0 {
			return use(c) // want "this return statement"
		}
		cancel()
	}
	return nil
}

func leakStmt(ctx context.Context) {
	context.WithCancel(ctx) // want "discarded"
}

func leakGoroutine(ctx context.Context, out chan<- error) {
	go func() {
		c, cancel := context.WithDeadline(ctx, time.Now()) // want "context.WithDeadline is not called on all paths"
		if c == nil {
			return // want "this return statement"
		}
		out <- use(c)
		cancel()
	}()
}

func cleanDefer(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return use(ctx)
}

func cleanAllPaths(ctx context.Context, n int) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if n < 0 {
		cancel()
		return nil
	}
	err := use(ctx)
	cancel()
	return err
}

func cleanReturned(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

func cleanReturnedVar(ctx context.Context) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancel(ctx)
	return c, cancel
}

type holder struct{ cancel context.CancelFunc }

// the holder's owner calls what is stored in it
func (h *holder) stop() { h.cancel() }

func cleanStoredField(ctx context.Context, h *holder) context.Context {
	c, cancel := context.WithCancel(ctx)
	h.cancel = cancel
	return c
}

func cleanFieldDirect(ctx context.Context, h *holder) context.Context {
	var c context.Context
	c, h.cancel = context.WithCancel(ctx)
	return c
}

func cleanPanicPath(ctx context.Context, n int) error {
	c, cancel := context.WithCancel(ctx)
	if n < 0 {
		panic("negative")
	}
	defer cancel()
	return use(c)
}

func cleanGoroutineCancel(ctx context.Context) {
	c, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		_ = use(c)
	}()
}

type key struct{}

func cleanWithValue(ctx context.Context) context.Context {
	return context.WithValue(ctx, key{}, 1)
}

// Named results go to the caller with every return.
func cleanNamedResult(ctx context.Context) (c context.Context, cancel func()) {
	c, cancel = context.WithCancel(ctx)
	c = context.WithValue(c, key{}, 2)
	return
}

// Overwritten before it is ever called: the first context leaks.
func leakOverwritten(ctx context.Context) error {
	c, cancel := context.WithCancel(ctx) // want "context.WithCancel is never called"
	c, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	return use(c)
}

type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// stored in a field nothing calls: the context is never released
func (w *worker) leakStoredNeverCalled(parent context.Context) {
	w.ctx, w.cancel = context.WithCancel(parent) // want "stored in 'w.cancel', which nothing in the package calls or reads"
}

type server struct {
	ctx    context.Context
	cancel context.CancelFunc
	Cancel context.CancelFunc
}

func (s *server) cleanStoredThenStopped(parent context.Context) {
	s.ctx, s.cancel = context.WithCancel(parent)
}

func (s *server) Stop() { s.cancel() }

// exported: callers in other packages may call it
func (s *server) cleanStoredExported(parent context.Context) {
	s.ctx, s.Cancel = context.WithCancel(parent)
}
