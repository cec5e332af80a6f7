// Package serial starts a worker that ends only when its channel closes.
package serial

// StartWorker drains jobs until it is closed.
func StartWorker(jobs chan int, done chan struct{}) {
	go func() {
		for j := range jobs { // LEAKSITE
			_ = j
		}
		close(done)
	}()
}
