package chanpartner

// A send whose every receiver can give up: high when the receiver leaves
// its loop with no condition and the sender did not start it itself.

type status struct{}

type node struct {
	status chan chan status
	stop   chan struct{}
	done   chan struct{}
}

func newNode() *node {
	return &node{status: make(chan chan status), stop: make(chan struct{}), done: make(chan struct{})}
}

func (n *node) run() {
	for {
		select {
		case c := <-n.status:
			c <- status{}
		case <-n.stop:
			close(n.done)
			return
		}
	}
}

// etcd#6857: once run has taken the stop clause, a late Status blocks
// forever on its send.
func (n *node) Status() status {
	c := make(chan status)
	n.status <- c // want "goroutine may block forever sending on unbuffered 'node.status': every receiver can give up \\(giveup.go:[0-9]+ in node.run waits in a select with another way out\\)"
	return <-c
}

func (n *node) Stop() {
	select {
	case n.stop <- struct{}{}:
	case <-n.done:
	}
}

func StartNode() *node {
	n := newNode()
	go n.run()
	return n
}

// The sender starts the receiver itself just before it sends: the loop
// is waiting then, unless the sender lets it go (medium only).
type conn struct {
	inbox  chan int
	closed chan struct{}
}

func (c *conn) loop() {
	for {
		select {
		case <-c.inbox:
		case <-c.closed:
			return
		}
	}
}

func (c *conn) start() { go c.loop() }

func (c *conn) Close() { close(c.closed) }

func CleanStartThenSend() *conn {
	c := &conn{inbox: make(chan int), closed: make(chan struct{})}
	c.start()
	c.inbox <- 1
	return c
}

// The receiver leaves only once it has heard from every worker: the way
// out is under a condition that may count the senders (medium only).
type pool struct {
	results chan int
	errs    chan error
}

func (p *pool) collect(workers int) int {
	sum := 0
	for {
		select {
		case r := <-p.results:
			sum += r
		case <-p.errs:
			workers--
			if workers == 0 {
				return sum
			}
		}
	}
}

func (p *pool) work() {
	p.results <- 1
	p.errs <- nil
}

func CleanCountedWorkers(n int) int {
	p := &pool{results: make(chan int), errs: make(chan error)}
	for i := 0; i < n; i++ {
		go p.work()
	}
	return p.collect(n)
}
