package main

import "sync"

var a, b sync.Mutex

// Two locks never unlocked, each taken alone: not a lock-order problem.
func onlyA() {
	a.Lock()
}

func onlyB() {
	b.Lock()
}

// Nested the other way round in each function: AB-BA.
func ab() {
	a.Lock()
	defer a.Unlock()
	b.Lock()
}

func ba() {
	b.Lock()
	b.Unlock()
	b.Lock()
	a.Lock()
}
