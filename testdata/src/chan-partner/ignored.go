package chanpartner

// A local channel handed to a function of the package that never names
// the parameter: no partner can be there.

type balancer struct {
	notify chan bool
}

// grpc#1424's dialer: the watcher it starts ignores the done channel.
func (b *balancer) dial() {
	done := make(chan bool)
	go b.watch(done)
	<-done // want "goroutine blocks forever receiving from 'done': nothing in the package ever sends on or closes it"
}

func (b *balancer) watch(done chan bool) {
	for range b.notify {
	}
}

func (b *balancer) cleanDial() {
	done := make(chan bool)
	go b.watchAndSignal(done)
	<-done
}

func (b *balancer) watchAndSignal(done chan bool) {
	for range b.notify {
	}
	close(done)
}

// The parameter is named only to pass it on: that is a use.
func (b *balancer) cleanDialVia() {
	done := make(chan bool)
	go b.relay(done)
	<-done
}

func (b *balancer) relay(done chan bool) { b.watchAndSignal(done) }

// A function drip cannot see into keeps the channel an escape.
func cleanDialOut(start func(chan bool)) {
	done := make(chan bool)
	go start(done)
	<-done
}
