package waitgroupmisuse

import (
	"errors"
	"sync"
)

func fetch(i int) (int, error) {
	if i < 0 {
		return 0, errors.New("negative")
	}
	return i, nil
}

// ---- leaky ----------------------------------------------------------------

// An early return skips Done: Wait never returns.
func leakEarlyReturn(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(i int) {
			if _, err := fetch(i); err != nil {
				return
			}
			wg.Done() // want "wg.Done\\(\\) is skipped when the goroutine returns at line \\d+, so Wait blocks forever"
		}(it)
	}
	wg.Wait()
}

type crawler struct {
	wg      sync.WaitGroup
	results chan int
	quit    chan struct{}
}

func (c *crawler) worker(i int) {
	v, err := fetch(i)
	if err != nil {
		return
	}
	select {
	case c.results <- v:
	case <-c.quit:
		return
	}
	c.wg.Done() // want "crawler.wg.Done\\(\\) is skipped when the goroutine returns at line \\d+"
}

// A method started with go, Done skipped on two paths.
func (c *crawler) leakMethodWorker(items []int) {
	for _, it := range items {
		c.wg.Add(1)
		go c.worker(it)
	}
	c.wg.Wait()
}

// moby#25348: one Add for all, Wait inside the loop that starts them.
func leakWaitInLoop(plugins []string) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p string) {
			defer group.Done()
			_ = p
		}(p)
		group.Wait() // want "group.Wait\\(\\) inside the loop that starts the workers waits, on the first pass"
	}
}

// Add inside the goroutine races with Wait.
func leakAddInside(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go func() {
			wg.Add(1) // want "wg.Add\\(\\) inside the goroutine it counts races with wg.Wait\\(\\)"
			defer wg.Done()
		}()
	}
	wg.Wait()
}

// A loop that breaks out before Done.
func leakBreak(ch chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for v := range ch {
			if v < 0 {
				return
			}
		}
		wg.Done() // want "wg.Done\\(\\) is skipped when the goroutine returns at line \\d+"
	}()
	wg.Wait()
}

type server struct {
	wg   sync.WaitGroup
	conn chan int
}

func (s *server) serve() {
	for c := range s.conn {
		if c == 0 {
			return
		}
	}
	s.wg.Done() // want "server.wg.Done\\(\\) is skipped"
}

// A field WaitGroup, waited on in Stop.
func (s *server) leakStart() {
	s.wg.Add(1)
	go s.serve()
}

func (s *server) Stop() { s.wg.Wait() }

var (
	globalWG sync.WaitGroup
	jobs     = make(chan int)
)

func globalWorker() {
	j, ok := <-jobs
	if !ok {
		return
	}
	_ = j
	globalWG.Done() // want "globalWG.Done\\(\\) is skipped"
}

// A package-level WaitGroup.
func leakGlobal() {
	globalWG.Add(1)
	go globalWorker()
	globalWG.Wait()
}

// Wait in the loop, Add of everything before it, with a method worker.
func (c *crawler) leakWaitInLoopMethod(items []int) {
	c.wg.Add(len(items))
	for _, it := range items {
		go c.cleanDeferredWorker(it)
		c.wg.Wait() // want "crawler.wg.Wait\\(\\) inside the loop that starts the workers"
	}
}

// ---- clean look-alikes ------------------------------------------------

func (c *crawler) cleanDeferredWorker(i int) {
	defer c.wg.Done()
	if _, err := fetch(i); err != nil {
		return
	}
}

// Deferred Done covers the early return.
func cleanDeferred(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := fetch(i); err != nil {
				return
			}
		}(it)
	}
	wg.Wait()
}

// Done on every path before each return.
func cleanDoneEveryPath(i int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if _, err := fetch(i); err != nil {
			wg.Done()
			return
		}
		wg.Done()
	}()
	wg.Wait()
}

// Wait after the loop.
func cleanWaitAfterLoop(plugins []string) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p string) {
			defer group.Done()
			_ = p
		}(p)
	}
	group.Wait()
}

// Add and Wait in the same loop pass, one worker each: fine.
func cleanWaitEachPass(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = i
		}(it)
		wg.Wait()
	}
}

// Add before the go statement.
func cleanAddBefore(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
}

// A goroutine that returns early on a WaitGroup nobody waits on.
func cleanNobodyWaits(i int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if i < 0 {
			return
		}
		wg.Done()
	}()
}

// The early exit panics: no return skips Done.
func cleanPanicPath(i int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if i < 0 {
			panic("negative")
		}
		wg.Done()
	}()
	wg.Wait()
}

func helperDone(wg *sync.WaitGroup) { wg.Done() }

// Done in a helper on the only path.
func cleanHelperDone() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		helperDone(&wg)
	}()
	wg.Wait()
}
