// A test that hangs until go test -timeout kills it: three producers block
// sending results nobody reads, and the test waits for them forever.
package testtimeout

import (
	"sync"
	"testing"
)

func produce(out chan<- int, wg *sync.WaitGroup, v int) {
	defer wg.Done()
	out <- v // want abandoned-channel 3
}

func TestHang(t *testing.T) {
	t.Log("starting producers")
	out := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go produce(out, &wg, i)
	}
	wg.Wait() // want waitgroup-misuse 1
}
