package abandonedchannel

import (
	"testing"
	"time"
)

// The goroutine blocks only when the test times out and fails: medium
// confidence in a test file, not shown by default.
func TestTimeout(t *testing.T) {
	done := make(chan bool)
	go func() {
		done <- true
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}
