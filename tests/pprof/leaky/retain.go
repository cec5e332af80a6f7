package main

import (
	"io"
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	prefix = map[int][]byte{}
	nextID int
)

// retainHandler keeps the first 8 bytes of every body, as a subslice: the
// whole body stays reachable.
func retainHandler(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body) // LEAK-HEAP
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	n := 8
	if len(body) < n {
		n = len(body)
	}
	mu.Lock()
	prefix[nextID] = body[:n]
	nextID++
	mu.Unlock()
	w.Write(body[:n])
}
