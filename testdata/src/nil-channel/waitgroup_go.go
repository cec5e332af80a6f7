//go:build go1.25

package nilchannel

import "sync"

func leakWaitGroupGoNil() {
	var wg sync.WaitGroup
	var results chan int
	wg.Go(func() {
		results <- 42 // want "send on nil channel 'results' blocks forever"
	})
}

func cleanWaitGroupGoMade() {
	var wg sync.WaitGroup
	results := make(chan int, 1)
	wg.Go(func() {
		results <- 42
	})
	wg.Wait()
}
