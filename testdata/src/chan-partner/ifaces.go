package chanpartner

// Calls through an interface reach the package's few implementations,
// and their channel operations count.

type rowReceiver interface{ push(v int) }

type rowChannel struct{ data chan int }

func newRowChannel() *rowChannel { return &rowChannel{data: make(chan int, 1)} }

// cockroach#35931: the receivers are pushed to through the interface;
// nothing ever reads data, so the second push blocks.
func (rc *rowChannel) push(v int) {
	rc.data <- v // want "goroutine blocks forever sending on 'rowChannel.data' once its buffer is full: nothing in the package ever receives from it"
}

type streamEntry struct{ receiver rowReceiver }

func cancelStreams(entries []*streamEntry) {
	go func() {
		for _, e := range entries {
			e.receiver.push(1)
		}
	}()
}

func useRowChannel() { cancelStreams([]*streamEntry{{receiver: newRowChannel()}}) }

type sink interface{ put(v int) }

type drained struct{ data chan int }

func newDrained() *drained {
	d := &drained{data: make(chan int, 1)}
	go func() {
		for range d.data {
		}
	}()
	return d
}

// The same shape with a reader: the send has a partner.
func (d *drained) put(v int) { d.data <- v }

type holder struct{ s sink }

func (h *holder) fill() {
	go func() {
		for i := 0; i < 3; i++ {
			h.s.put(i)
		}
	}()
}

func useDrained() { (&holder{s: newDrained()}).fill() }
