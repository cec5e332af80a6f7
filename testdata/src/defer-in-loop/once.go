package deferinloop

import (
	"os"
	"sync"
)

// A probe that runs once per process (through a sync.Once) holds what it
// defers once, until it returns; run on every call, it holds them again.
type caps struct {
	once sync.Once
	ok   []bool
}

var probePaths = []string{"/proc/net/if_inet6", "/proc/net/tcp6"}

func (c *caps) probe() {
	for _, p := range probePaths {
		f, err := os.Open(p)
		if err != nil {
			c.ok = append(c.ok, false)
			continue
		}
		defer f.Close()
		c.ok = append(c.ok, true)
	}
}

func (c *caps) cleanProbeOnce() []bool {
	c.once.Do(c.probe)
	return c.ok
}

func (c *caps) reprobe(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want "defer inside a loop runs only when the function returns"
	}
}

func (c *caps) leakProbeEveryCall(paths []string) {
	c.once.Do(func() {})
	c.reprobe(paths)
}
