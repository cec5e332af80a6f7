package mutexnotunlocked

import (
	"errors"
	"sync"
)

type Cache struct {
	mu sync.Mutex
	m  map[string]int
}

type Store struct {
	rw   sync.RWMutex
	data []int
}

var errNotFound = errors.New("not found")

func (c *Cache) leakEarlyReturn(k string) (int, error) {
	c.mu.Lock() // want "mutex 'c.mu' is not unlocked on every path: the return at line \\d+ leaves it locked; defer c.mu.Unlock\\(\\) right after c.mu.Lock\\(\\)"
	v, ok := c.m[k]
	if !ok {
		return 0, errNotFound
	}
	c.mu.Unlock()
	return v, nil
}

func (s *Store) leakReadPath(i int) int {
	s.rw.RLock() // want "mutex 's.rw' is not unlocked on every path: .* defer s.rw.RUnlock\\(\\) right after s.rw.RLock\\(\\)"
	if i >= len(s.data) {
		return -1
	}
	v := s.data[i]
	s.rw.RUnlock()
	return v
}

func leakGoroutine() {
	var mu sync.Mutex
	for i := 0; i < 3; i++ {
		go func() {
			mu.Lock() // want "mutex 'mu' is still locked when the function returns, so every later mu.Lock\\(\\) blocks forever"
			_ = i
		}()
	}
}

var global sync.Mutex

func leakSwitch(k int) int {
	global.Lock() // want "mutex 'global' is not unlocked on every path"
	switch k {
	case 0:
		global.Unlock()
		return 0
	case 1:
		return 1
	}
	global.Unlock()
	return 2
}

func (c *Cache) leakLoopBreak(keys []string) int {
	n := 0
	for _, k := range keys {
		c.mu.Lock() // want "mutex 'c.mu' is not unlocked on every path"
		if k == "" {
			break
		}
		n += c.m[k]
		c.mu.Unlock()
	}
	return n
}

func leakLocalRW(f func() error) error {
	var rw sync.RWMutex
	rw.Lock() // want "mutex 'rw' is not unlocked on every path"
	if err := f(); err != nil {
		return err
	}
	rw.Unlock()
	return nil
}

type embedded struct {
	sync.Mutex
	n int
}

func (e *embedded) leakEmbedded() int {
	e.Lock() // want "mutex 'e' is not unlocked on every path"
	if e.n == 0 {
		return 0
	}
	e.Unlock()
	return e.n
}

func (c *Cache) cleanDefer(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *Cache) cleanAllPaths(k string) (int, error) {
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		c.mu.Unlock()
		return 0, errNotFound
	}
	c.mu.Unlock()
	return v, nil
}

// cleanGetLocked returns with the lock held: the name says so.
func (c *Cache) cleanGetLocked() *Cache {
	c.mu.Lock()
	return c
}

func (c *Cache) cleanReturnsUnlock() func() {
	c.mu.Lock()
	return func() { c.mu.Unlock() }
}

func (c *Cache) cleanTryLock() bool {
	if !c.mu.TryLock() {
		return false
	}
	defer c.mu.Unlock()
	return true
}

func (c *Cache) cleanRelock(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mu.Unlock()
	f()
	c.mu.Lock()
}

func (c *Cache) cleanSameCondition(cached bool) int {
	if cached {
		c.mu.Lock()
	}
	n := len(c.m)
	if cached {
		c.mu.Unlock()
	}
	return n
}

func (c *Cache) cleanPanicPath(k string) int {
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		panic("missing " + k)
	}
	c.mu.Unlock()
	return v
}

func (c *Cache) cleanUnlockHelper(k string) int {
	c.mu.Lock()
	v := c.m[k]
	c.unlockAndNotify()
	return v
}

func (c *Cache) unlockAndNotify() { c.mu.Unlock() }

// cleanAcquire is one half of a pair of methods (Acquire/Release).
func (c *Cache) cleanAcquire() {
	c.mu.Lock()
}

func (c *Cache) cleanGoroutineUnlocks(done chan struct{}) {
	c.mu.Lock()
	go func() {
		defer c.mu.Unlock()
		<-done
	}()
}

func (c *Cache) leakSecondSection(k string) int {
	c.mu.Lock()
	n := len(c.m)
	c.mu.Unlock()
	c.mu.Lock() // want "mutex 'c.mu' is not unlocked on every path"
	v, ok := c.m[k]
	if !ok {
		return n
	}
	c.mu.Unlock()
	return v
}

// cleanEnteredLocked is called with c.mu held and returns with it held.
func (c *Cache) cleanEnteredLocked(f func()) {
	c.mu.Unlock()
	f()
	c.mu.Lock()
}

// The Unlock of another mutex on the way out does not release this one:
// the loop takes the client's read lock and an inner lock, and the early
// return releases only the inner one (etcd's remoteClient.acquire).
type client struct {
	mu     sync.RWMutex
	closed bool
}

type remote struct {
	client *client
	mu     sync.Mutex
}

func (r *remote) leakOtherUnlock() error {
	for {
		r.client.mu.RLock() // want "mutex 'r.client.mu' is not unlocked on every path: the return at line \\d+ leaves it locked"
		closed := r.client.closed
		r.mu.Lock()
		r.mu.Unlock()
		if closed {
			return errNotFound
		}
		r.client.mu.RUnlock()
	}
}

// Clean look-alikes: both released before the return, in either order,
// and a helper whose name says it unlocks.
func (r *remote) cleanBothUnlocked() error {
	for {
		r.client.mu.RLock()
		closed := r.client.closed
		r.mu.Lock()
		r.mu.Unlock()
		if closed {
			r.client.mu.RUnlock()
			return errNotFound
		}
		r.client.mu.RUnlock()
	}
}

func (r *remote) cleanNested() error {
	r.client.mu.RLock()
	r.mu.Lock()
	if r.client.closed {
		r.mu.Unlock()
		r.client.mu.RUnlock()
		return errNotFound
	}
	r.client.mu.RUnlock()
	r.mu.Unlock()
	return nil
}

func (r *remote) unlockClient() { r.client.mu.RUnlock() }

func (r *remote) cleanUnlockHelper() error {
	r.client.mu.RLock()
	r.mu.Lock()
	r.mu.Unlock()
	if r.client.closed {
		r.unlockClient()
		return errNotFound
	}
	r.client.mu.RUnlock()
	return nil
}

// The lock handed to what the function returns: the transaction holds the
// writer lock and its rollback releases it; the error path unlocks.
type db struct {
	rwlock sync.Mutex
	meta   sync.Mutex
	opened bool
}

type tx struct{ db *db }

func (t *tx) init(d *db) { t.db = d }

func (t *tx) rollback() { t.db.rwlock.Unlock() }

func (d *db) cleanBeginRW() (*tx, error) {
	d.rwlock.Lock()
	d.meta.Lock()
	defer d.meta.Unlock()
	if !d.opened {
		d.rwlock.Unlock()
		return nil, errNotFound
	}
	t := &tx{}
	t.init(d)
	return t, nil
}

func (d *db) cleanBeginLit() (*tx, error) {
	d.rwlock.Lock()
	d.meta.Lock()
	d.meta.Unlock()
	if !d.opened {
		d.rwlock.Unlock()
		return nil, errNotFound
	}
	return &tx{db: d}, nil
}

// Returning something else does not hand the lock on.
func (d *db) leakBeginOther() (*tx, error) {
	d.rwlock.Lock() // want "mutex 'd.rwlock' is not unlocked on every path: the return at line \\d+ leaves it locked"
	d.meta.Lock()
	d.meta.Unlock()
	if !d.opened {
		return nil, errNotFound
	}
	t := &tx{}
	d.rwlock.Unlock()
	return t, nil
}
