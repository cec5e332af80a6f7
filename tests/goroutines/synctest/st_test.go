// A failing synctest bubble (Go 1.25+): the test's goroutine waits for a
// third value that never comes; the harness goroutine of testing/synctest
// waits for the test on purpose and is no suspect.
package st

import (
	"testing"
	"testing/synctest"
)

func TestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ch := make(chan int)
		go func() {
			ch <- 1
			ch <- 1
		}()
		<-ch
		<-ch
		<-ch // want abandoned-channel 1
	})
}
