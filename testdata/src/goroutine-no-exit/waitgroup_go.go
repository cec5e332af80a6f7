//go:build go1.25

package goroutinenoexit

import "sync"

// sync.WaitGroup.Go (Go 1.25) starts a goroutine like a go statement.

func leakWaitGroupGo(exit, other chan int) {
	var wg sync.WaitGroup
	wg.Go(func() { // want "goroutine never exits: its for-select loop at line \\d+ has no return or break out of it"
		for {
			select {
			case <-exit:
				// return
			case <-other:
			}
		}
	})
}

var ticks = make(chan int)

func spin() {
	for {
		<-ticks
	}
}

func leakWaitGroupGoFunc(jobs chan int) {
	wg := new(sync.WaitGroup)
	wg.Go(spin) // want "goroutine never exits: its for loop"
	var group sync.WaitGroup
	group.Go(func() { // want "goroutine never exits"
		for {
			jobs <- 1
		}
	})
}

func cleanWaitGroupGo(exit, other chan int) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-exit:
				return
			case <-other:
			}
		}
	})
	wg.Wait()
}

type group struct{}

func (group) Go(f func()) {}

func cleanOtherGo(exit, other chan int) {
	var g group
	g.Go(func() {
		for {
			select {
			case <-exit:
			case <-other:
			}
		}
	})
}
