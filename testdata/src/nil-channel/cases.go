package nilchannel

// pending is unexported and never assigned: always nil.
var pending chan int

// Exported may be set by another package.
var Exported chan int

func leakSend() {
	var ch chan int
	ch <- 1 // want "send on nil channel 'ch' blocks forever: it is declared without make and never assigned"
}

func leakRecv() int {
	var ch chan int
	return <-ch // want "receive from nil channel 'ch' blocks forever"
}

func leakRange() {
	var ch chan string
	for s := range ch { // want "range over nil channel 'ch' blocks forever"
		_ = s
	}
}

func leakGoroutine() {
	var done chan struct{}
	go func() {
		done <- struct{}{} // want "send on nil channel 'done'"
	}()
	<-done // want "receive from nil channel 'done'"
}

func leakGlobal() {
	pending <- 1 // want "send on nil channel 'pending'"
}

func leakSelect() {
	var a, b chan int
	select { // want "select blocks forever: every case uses a nil channel"
	case <-a:
	case b <- 1:
	}
}

func leakExplicitNil() {
	var ch chan int = nil
	<-ch // want "receive from nil channel 'ch'"
}

func cleanMake() {
	ch := make(chan int, 1)
	ch <- 1
}

func cleanAssignedLater() {
	var ch chan int
	ch = make(chan int, 1)
	ch <- 1
}

func cleanSelectIdiom(in chan int) {
	var disabled chan int
	select {
	case v := <-in:
		_ = v
	case disabled <- 1:
	}
}

func cleanParam(ch chan int) {
	ch <- 1
}

func cleanExported() {
	Exported <- 1
}

func cleanAddr() {
	var ch chan int
	setChan(&ch)
	ch <- 1
}

func setChan(p *chan int) { *p = make(chan int, 1) }

func cleanClosureAssign() {
	var ch chan int
	setup := func() { ch = make(chan int, 1) }
	setup()
	ch <- 1
}

func cleanSelectDefault() {
	var ch chan int
	select {
	case <-ch:
	default:
	}
}
