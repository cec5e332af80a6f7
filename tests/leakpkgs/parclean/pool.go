// Package parclean runs workers that always stop.
package parclean

import (
	"context"
	"sync"
	"time"
)

// Pool runs n workers until ctx ends and waits for them.
func Pool(ctx context.Context, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ctx.Done()
		}()
	}
	wg.Wait()
}

// Later runs f after d, in a goroutine that outlives its caller a little.
func Later(d time.Duration, f func()) {
	go func() {
		time.Sleep(d)
		f()
	}()
}
