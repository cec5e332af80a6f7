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
