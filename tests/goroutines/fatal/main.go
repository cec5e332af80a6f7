// Every goroutine blocks: the runtime stops the program with "fatal error:
// all goroutines are asleep - deadlock!" and prints all stacks. Four
// workers send results nobody reads; main waits for them forever.
package main

import "sync"

func worker(out chan<- int, wg *sync.WaitGroup, v int) {
	defer wg.Done()
	out <- v * v // want abandoned-channel 4
}

func main() {
	out := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go worker(out, &wg, i)
	}
	wg.Wait() // want waitgroup-misuse 1
}
