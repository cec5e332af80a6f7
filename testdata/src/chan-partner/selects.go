package chanpartner

import "time"

// A receiver in a select gives up only when another clause leaves the
// loop around it; clauses that go round again keep waiting.

type keeper struct {
	add  chan int
	stop chan chan struct{}
	quit chan struct{}
	kick chan int
}

func newKeeper() *keeper {
	return &keeper{add: make(chan int, 1), stop: make(chan chan struct{}), quit: make(chan struct{}), kick: make(chan int)}
}

// etcd#7492's keeper: the ticker and add clauses go round the loop, so
// the stop clause is always waited on.
func (k *keeper) run() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-k.add:
		case <-t.C:
		case w := <-k.stop:
			w <- struct{}{}
			return
		}
	}
}

// The send on stop is received: run waits for it on every pass.
func (k *keeper) cleanStopLoop() {
	go k.run()
	w := make(chan struct{})
	k.stop <- w
	<-w
}
