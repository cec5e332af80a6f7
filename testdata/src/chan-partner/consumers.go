package chanpartner

import (
	"context"
	"errors"
	"strings"
)

// A consumer that leaves its range early: the producer goroutine blocks on
// its next send forever once nothing receives.

type item struct {
	key string
	err error
}

func produce(keys []string, out chan item) {
	for _, k := range keys {
		out <- item{key: k} // want "goroutine blocks forever sending on 'out' once its only receiver leaves"
	}
	close(out)
}

func scatter(out chan bool) {
	for i := 0; i < 8; i++ {
		out <- i != 0 // want "goroutine blocks forever sending on 'ready' once its only receiver leaves"
	}
	close(out)
}

// The first error ends the range; the producer is stuck on its next item.
func leakFirstError(keys []string) error {
	ch := make(chan item)
	go func() {
		for _, k := range keys {
			ch <- item{key: k} // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
		close(ch)
	}()
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}

// A buffer smaller than the constant number of sends: cockroach#18101.
func leakSmallBuffer(ctx context.Context) bool {
	ready := make(chan bool, 6)
	go func() {
		defer close(ready)
		scatter(ready)
	}()
	for r := range ready {
		select {
		case <-ctx.Done():
			return r
		}
	}
	return true
}

// The producer is a named function taking the channel, called by the
// goroutine.
func leakWrappedProducer(keys []string) string {
	out := make(chan item)
	go func() { produce(keys, out) }()
	for it := range out {
		if strings.HasPrefix(it.key, "x") {
			return it.key
		}
	}
	return ""
}

// break leaves the range as surely as return.
func leakBreak(n int) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		if v > 10 {
			break
		}
		sum += v
	}
	return sum
}

// A labeled break out of a switch in the range body leaves the range.
func leakLabeledBreak(words []string) int {
	ch := make(chan string)
	go func() {
		for _, w := range words {
			ch <- w // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
		close(ch)
	}()
	n := 0
loop:
	for w := range ch {
		switch w {
		case "stop":
			break loop
		default:
			n++
		}
	}
	return n
}

// An endless producer: any return from the consumer strands it.
func leakEndless(limit int) []int {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			ch <- i * i // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
	}()
	var out []int
	for v := range ch {
		if len(out) == limit {
			return out
		}
		out = append(out, v)
	}
	return out
}

// A goto out of the range.
func leakGoto(keys []string) error {
	ch := make(chan error)
	go func() {
		for _, k := range keys {
			var err error
			if k == "" {
				err = errors.New("empty key")
			}
			ch <- err // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
		close(ch)
	}()
	for err := range ch {
		if err != nil {
			goto fail
		}
	}
	return nil
fail:
	return errors.New("a key failed")
}

// A double-buffered producer sending more than fits.
func leakBufferTooSmall() int {
	ch := make(chan int, 2)
	go func() {
		for i := 0; i < 5; i++ {
			ch <- i // want "goroutine blocks forever sending on 'ch' once its only receiver leaves"
		}
		close(ch)
	}()
	for v := range ch {
		if v == 1 {
			return v
		}
	}
	return -1
}

// ---- clean look-alikes ----

// The range runs to the end: nothing leaves early.
func cleanDrainAll(keys []string) int {
	ch := make(chan item)
	go func() {
		for _, k := range keys {
			ch <- item{key: k}
		}
		close(ch)
	}()
	n := 0
	for it := range ch {
		if it.err != nil {
			continue
		}
		n++
	}
	return n
}

// The consumer drains the rest before leaving.
func cleanDrainAfter(keys []string) error {
	ch := make(chan item)
	go func() {
		for _, k := range keys {
			ch <- item{key: k}
		}
		close(ch)
	}()
	defer func() {
		for range ch {
		}
	}()
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}

// The producer selects on a done channel the consumer closes.
func cleanDoneChannel(keys []string) error {
	ch := make(chan item)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(ch)
		for _, k := range keys {
			select {
			case ch <- item{key: k}:
			case <-done:
				return
			}
		}
	}()
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}

// The buffer holds every send: the producer never waits.
func cleanBufferFits() int {
	ch := make(chan int, 8)
	go func() {
		for i := 0; i < 8; i++ {
			ch <- i
		}
		close(ch)
	}()
	for v := range ch {
		if v == 3 {
			return v
		}
	}
	return -1
}

// A buffer sized to the work: the producer never waits.
func cleanSizedBuffer(keys []string) string {
	ch := make(chan string, len(keys))
	go func() {
		for _, k := range keys {
			ch <- k
		}
		close(ch)
	}()
	for k := range ch {
		if k == "x" {
			return k
		}
	}
	return ""
}

// A break inside a nested switch only ends the switch.
func cleanSwitchBreak(words []string) int {
	ch := make(chan string)
	go func() {
		for _, w := range words {
			ch <- w
		}
		close(ch)
	}()
	n := 0
	for w := range ch {
		switch w {
		case "skip":
			break
		default:
			n++
		}
	}
	return n
}

// The channel is handed to code drip does not see, which may drain it.
func cleanHandedOff(keys []string, sink func(chan item)) error {
	ch := make(chan item)
	go func() {
		for _, k := range keys {
			ch <- item{key: k}
		}
		close(ch)
	}()
	defer sink(ch)
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}

// One send, not a loop: a single value, received before the range can leave.
func cleanSingleSend(key string) error {
	ch := make(chan item)
	go func() {
		ch <- item{key: key}
		close(ch)
	}()
	for it := range ch {
		if it.err != nil {
			return it.err
		}
	}
	return nil
}
