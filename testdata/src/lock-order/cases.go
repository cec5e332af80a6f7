package lockorder

import (
	"sync"
	"time"
)

type Bank struct {
	accounts sync.Mutex
	audit    sync.Mutex
	log      sync.RWMutex
	stats    sync.RWMutex
}

func (b *Bank) leakTransfer() {
	b.accounts.Lock()
	b.audit.Lock()
	b.audit.Unlock()
	b.accounts.Unlock()
}

func (b *Bank) leakReport() {
	b.audit.Lock()
	defer b.audit.Unlock()
	b.accounts.Lock() // want "lock order inversion: b.accounts is locked while holding b.audit \\(locked at line \\d+\\), but cases.go:17 locks b.audit while holding b.accounts"
	b.accounts.Unlock()
}

func leakLocalGoroutines() {
	var m1, m2 sync.Mutex
	go func() {
		m1.Lock()
		time.Sleep(time.Millisecond)
		m2.Lock()
	}()
	go func() {
		m2.Lock()
		time.Sleep(time.Millisecond)
		m1.Lock() // want "m1 is locked while holding m2"
	}()
}

var (
	regMu   sync.Mutex
	cacheMu sync.Mutex
)

func leakGlobalsA() {
	regMu.Lock()
	defer regMu.Unlock()
	cacheMu.Lock()
	defer cacheMu.Unlock()
}

func leakGlobalsB(fresh bool) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if !fresh {
		regMu.Lock() // want "regMu is locked while holding cacheMu"
		regMu.Unlock()
	}
}

func (b *Bank) leakReadWrite() {
	b.log.RLock()
	b.stats.Lock()
	b.stats.Unlock()
	b.log.RUnlock()
}

func (b *Bank) leakWriteRead() {
	b.stats.RLock()
	defer b.stats.RUnlock()
	b.log.Lock() // want "b.log is locked while holding b.stats"
	b.log.Unlock()
}

type Server struct {
	mu    sync.Mutex
	conns *Conns
}

type Conns struct {
	mu sync.Mutex
}

func (s *Server) leakServerFirst() {
	s.mu.Lock()
	s.conns.mu.Lock()
	s.conns.mu.Unlock()
	s.mu.Unlock()
}

func (s *Server) leakConnsFirst() {
	for i := 0; i < 2; i++ {
		s.conns.mu.Lock()
		s.mu.Lock() // want "s.mu is locked while holding s.conns.mu"
		s.mu.Unlock()
		s.conns.mu.Unlock()
	}
}

func (b *Bank) cleanSameOrder() {
	b.accounts.Lock()
	b.audit.Lock()
	b.audit.Unlock()
	b.accounts.Unlock()
}

func (b *Bank) cleanReleaseFirst() {
	b.audit.Lock()
	b.audit.Unlock()
	b.accounts.Lock()
	b.accounts.Unlock()
}

func (b *Bank) cleanBranches(x bool) {
	if x {
		b.audit.Lock()
		b.audit.Unlock()
	} else {
		b.accounts.Lock()
		b.accounts.Unlock()
	}
	b.audit.Lock()
	b.audit.Unlock()
}

type Node struct {
	mu   sync.Mutex
	next *Node
}

func cleanTwoInstances(a, b *Node) {
	a.mu.Lock()
	b.mu.Lock()
	b.mu.Unlock()
	a.mu.Unlock()
}

func cleanTwoInstancesReversed(a, b *Node) {
	b.mu.Lock()
	a.mu.Lock()
	a.mu.Unlock()
	b.mu.Unlock()
}

type Catalog struct {
	names sync.RWMutex
	sizes sync.RWMutex
}

func (c *Catalog) cleanReadersA() {
	c.names.RLock()
	c.sizes.RLock()
	c.sizes.RUnlock()
	c.names.RUnlock()
}

func (c *Catalog) cleanReadersB() {
	c.sizes.RLock()
	c.names.RLock()
	c.names.RUnlock()
	c.sizes.RUnlock()
}

func cleanLocalsInOrder() {
	var m1, m2 sync.Mutex
	go func() {
		m1.Lock()
		m2.Lock()
		m2.Unlock()
		m1.Unlock()
	}()
	m1.Lock()
	m2.Lock()
	m2.Unlock()
	m1.Unlock()
}

type Pool struct {
	idle, busy sync.Mutex
}

func (p *Pool) leakIdleBusy() {
	p.idle.Lock()
	defer p.idle.Unlock()
	p.busy.Lock()
	p.busy.Unlock()
}

func (p *Pool) leakBusyIdle(k int) {
	switch k {
	case 1:
		p.busy.Lock()
		p.idle.Lock() // want "p.idle is locked while holding p.busy"
		p.idle.Unlock()
		p.busy.Unlock()
	}
}

type Registry struct {
	mu    sync.Mutex
	cache *Cache
}

type Cache struct {
	mu sync.Mutex
}

func (c *Cache) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
}

func (r *Registry) leakViaCall() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cache.flush()
}

func (r *Registry) leakCacheFirst() {
	r.cache.mu.Lock()
	defer r.cache.mu.Unlock()
	r.mu.Lock() // want "r.mu is locked while holding r.cache.mu .*locks Cache.mu \\(by calling Cache.flush\\) while holding r.mu"
	r.mu.Unlock()
}

type Pair struct {
	a, b sync.Mutex
}

func (p *Pair) cleanAB() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

func (p *Pair) cleanUnlockedOnBothBranches(x bool) {
	p.b.Lock()
	if x {
		p.b.Unlock()
	} else {
		p.b.Unlock()
	}
	p.a.Lock()
	p.a.Unlock()
}

func (p *Pair) cleanUnlockThenReturn(x bool) {
	p.b.Lock()
	if x {
		p.b.Unlock()
		return
	}
	p.b.Unlock()
	p.a.Lock()
	p.a.Unlock()
}

func (p *Pair) lockA() {
	p.a.Lock()
	p.a.Unlock()
}

func (p *Pair) cleanCallAfterUnlock() {
	p.b.Lock()
	p.b.Unlock()
	p.lockA()
}

// cockroach#10214: a cycle of three locks, each taken two or three calls
// below the one held.
type Store struct {
	coalescedMu struct {
		sync.Mutex
		pending []int
	}
	replicas []*Replica
}

type Replica struct {
	raftMu sync.Mutex
	mu     sync.Mutex
	store  *Store
}

func (s *Store) leakSendHeartbeats() {
	s.coalescedMu.Lock()
	defer s.coalescedMu.Unlock()
	s.toNode()
}

func (s *Store) toNode() {
	for _, r := range s.replicas {
		r.reportUnreachable()
	}
}

func (r *Replica) reportUnreachable() {
	r.raftMu.Lock()
	defer r.raftMu.Unlock()
}

func (r *Replica) leakTick() {
	r.raftMu.Lock()
	defer r.raftMu.Unlock()
	r.tickLocked()
}

func (r *Replica) tickLocked() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.maybeCoalesce()
}

func (r *Replica) maybeCoalesce() {
	r.store.coalescedMu.Lock() // want "lock order inversion: Store.coalescedMu is locked \\(by calling Replica.tickLocked at cases.go:\\d+\\) while holding r.raftMu .*locks Replica.raftMu \\(by calling Store.toNode\\) while holding s.coalescedMu"
	r.store.coalescedMu.Unlock()
}

type Three struct {
	a, b, c sync.Mutex
}

// Three locks, always in the order a, b, c: no cycle.
func (t *Three) cleanOrderAB() {
	t.a.Lock()
	t.b.Lock()
	t.b.Unlock()
	t.a.Unlock()
}

func (t *Three) cleanOrderBC() {
	t.b.Lock()
	t.takeC()
	t.b.Unlock()
}

func (t *Three) takeC() {
	t.c.Lock()
	t.c.Unlock()
}

func (t *Three) cleanOrderAC() {
	t.a.Lock()
	defer t.a.Unlock()
	t.takeC()
}

// A cycle of three: x then y, y then z, z then x, none nested in another.
type Tri struct {
	x, y, z sync.Mutex
}

func (t *Tri) leakXY() {
	t.x.Lock()
	t.y.Lock()
	t.y.Unlock()
	t.x.Unlock()
}

func (t *Tri) leakYZ() {
	t.y.Lock()
	t.z.Lock()
	t.z.Unlock()
	t.y.Unlock()
}

func (t *Tri) leakZX() {
	t.z.Lock()
	t.x.Lock() // want "lock order cycle: t.x is locked while holding t.z .*Tri.x then Tri.y .*Tri.y then Tri.z"
	t.x.Unlock()
	t.z.Unlock()
}

// ---- a held lock given up and taken back by a callee ------------------

type volume struct {
	mu   sync.Mutex
	name string
}

type volumeSet struct {
	mu   sync.Mutex
	vols map[string]*volume
}

// waitRemoved gives up the set's lock while it waits, and takes it back.
func (s *volumeSet) waitRemoved() {
	s.mu.Unlock()
	s.mu.Lock() // want "lock order inversion: volumeSet.mu is locked \\(by calling volumeSet.remove at cases.go:\\d+\\) while holding v.mu .* locks v.mu while holding s.mu"
}

func (s *volumeSet) remove(v *volume) {
	delete(s.vols, v.name)
	s.waitRemoved()
}

// moby#4951-like: set then volume here; the set is taken back below while
// the volume stays locked, and a second caller holding the set waits for
// the volume.
func (s *volumeSet) leakDeleteVolume(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.vols[name]
	v.mu.Lock()
	defer v.mu.Unlock()
	s.remove(v)
}

// The set's lock is given up and taken back with no other lock held.
func (s *volumeSet) cleanPrune(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.vols[name]; ok {
		s.remove(v)
	}
}
