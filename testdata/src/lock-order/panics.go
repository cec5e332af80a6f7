package lockorder

import "sync"

// An order taken only on a path that always panics (a failed assertion,
// as net/http's connReader.Read checks for concurrent reads) closes no
// cycle: that goroutine never goes on to take the other lock.
type server struct {
	mu  sync.Mutex
	hij bool
}

type reader struct {
	mu     sync.Mutex
	srv    *server
	inRead bool
}

func (s *server) hijacked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hij
}

func (s *server) hijack(r *reader) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.mu.Lock()
	r.srv = nil
	r.mu.Unlock()
}

func (r *reader) cleanReadAssert() {
	r.mu.Lock()
	if r.inRead {
		h := r.srv.hijacked()
		r.mu.Unlock()
		if h {
			panic("read after hijack")
		}
		panic("concurrent read")
	}
	r.inRead = true
	r.mu.Unlock()
}

// The same order on a path that may go on is an inversion.
type server2 struct {
	mu  sync.Mutex
	hij bool
}

type reader2 struct {
	mu     sync.Mutex
	srv    *server2
	inRead bool
}

func (s *server2) hijacked() bool {
	s.mu.Lock() // want "lock order inversion: server2.mu is locked \\(by calling server2.hijacked at panics.go:76\\)"
	defer s.mu.Unlock()
	return s.hij
}

func (s *server2) hijack(r *reader2) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.mu.Lock()
	r.srv = nil
	r.mu.Unlock()
}

func (r *reader2) leakReadMaybePanics() {
	r.mu.Lock()
	if r.inRead {
		h := r.srv.hijacked()
		r.mu.Unlock()
		if h {
			panic("read after hijack")
		}
		return
	}
	r.inRead = true
	r.mu.Unlock()
}

// A path that loops forever is no failed assertion either.
type pair struct {
	a, b sync.Mutex
}

func (p *pair) leakForward() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

func (p *pair) leakLoopForever(work func()) {
	p.b.Lock()
	p.a.Lock() // want "lock order inversion: p.a is locked while holding p.b"
	for {
		work()
	}
}
