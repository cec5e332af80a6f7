package lockorder

import "sync"

// Two fields of one struct type that embeds a mutex (in, out half) are
// two locks, not one: taking in then hs and hs then out is no cycle.
type half struct {
	sync.Mutex
	n int
}

type conn struct {
	in, out half
	hs      sync.Mutex
}

func (c *conn) cleanReadThenHandshake() {
	c.in.Lock()
	defer c.in.Unlock()
	c.hs.Lock()
	c.hs.Unlock()
}

func (c *conn) cleanHandshakeThenWrite() {
	c.hs.Lock()
	defer c.hs.Unlock()
	c.out.Lock()
	c.out.n++
	c.out.Unlock()
}

// The same field in both orders is a cycle.
func (c *conn) leakHandshakeThenRead() {
	c.hs.Lock()
	defer c.hs.Unlock()
	c.in.Lock() // want "lock order inversion: c.in is locked while holding c.hs"
	c.in.n++
	c.in.Unlock()
}
