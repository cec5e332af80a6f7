package tickerleak

import "time"

// A timeout of a few seconds at most in a select that blocks: the timers
// alive at once are the loop's turns within those seconds, each gone when
// it fires (etcd's raft loop and monitorVersions).
const sendTimeout = 2 * time.Second

func cleanAfterShortConst(in <-chan int, out chan<- int, stop <-chan struct{}) {
	for {
		select {
		case v := <-in:
			out <- v
		case <-time.After(sendTimeout):
		case <-stop:
			return
		}
	}
}

func cleanAfterShortLocal(ready <-chan []int, out chan<- int, stop <-chan struct{}) {
	timeout := time.Second
	for rd := range ready {
		select {
		case out <- rd[0]:
		case <-time.After(timeout):
		case <-stop:
			return
		}
	}
}

func cleanAfterShortArith(notify <-chan struct{}, stop <-chan struct{}, check func()) {
	for {
		select {
		case <-notify:
		case <-time.After(5*time.Second - time.Second):
		case <-stop:
			return
		}
		check()
	}
}

// A duration not known to be short, a long one, or a short one in a
// select that spins through default still makes a timer per turn.
func leakAfterParam(in <-chan int, out chan<- int, d time.Duration) {
	for {
		select {
		case v := <-in:
			out <- v
		case <-time.After(d): // want "time.After in a for-select loop creates a timer on every iteration"
			return
		}
	}
}

func leakAfterLongLocal(in <-chan int, out chan<- int) {
	idle := 10 * time.Minute
	for {
		select {
		case v := <-in:
			out <- v
		case <-time.After(idle): // want "time.After in a for-select loop"
			return
		}
	}
}

func leakAfterReassigned(in <-chan int, out chan<- int, backoff func(time.Duration) time.Duration) {
	wait := time.Second
	for {
		select {
		case v := <-in:
			out <- v
			wait = backoff(wait)
		case <-time.After(wait): // want "time.After in a for-select loop"
			return
		}
	}
}

func leakAfterShortSpin(work func() bool) {
	for {
		select {
		case <-time.After(time.Millisecond): // want "time.After in a for-select loop"
			return
		default:
			if !work() {
				return
			}
		}
	}
}
