package mutexnotunlocked

import (
	"os"
	"sync"
)

// A function whose result carries the lock: the caller unlocks it.
type node struct {
	mu   sync.Mutex
	next *node
	dead bool
}

// cleanFindLocked returns n with n.mu held; the caller unlocks it.
func cleanFindLocked(root *node) (n *node) {
	for n = root; n != nil; n = n.next {
		n.mu.Lock()
		if !n.dead {
			return
		}
		n.mu.Unlock()
	}
	return nil
}

func cleanReturnLocked(root *node) *node {
	n := root.next
	n.mu.Lock()
	if n.dead {
		n.mu.Unlock()
		return nil
	}
	return n
}

// The node is not handed back: nobody can unlock it.
func leakFindDropped(root *node) bool {
	n := root.next
	n.mu.Lock() // want "mutex 'n.mu' is not unlocked on every path"
	if n.dead {
		return false
	}
	n.mu.Unlock()
	return true
}

// A one-shot semaphore held until the process exits: a second caller
// waits while the first shuts the process down.
var exitMu sync.Mutex

func cleanHeldTillExit(handlers []func(), pid int) {
	exitMu.Lock()
	for _, h := range handlers {
		h()
	}
	if pid == 1 {
		os.Exit(0)
	}
}

func leakHeldNoExit(handlers []func()) {
	exitMu.Lock() // want "mutex 'exitMu' is still locked when the function returns"
	for _, h := range handlers {
		h()
	}
}
