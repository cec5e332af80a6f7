package lostcancel

import (
	"context"
	"testing"
)

// Tests discard cancel functions on purpose: the context lives as long as
// the test.
func TestDiscard(t *testing.T) {
	c, _ := context.WithCancel(context.Background())
	if use(c) != nil {
		t.Fatal("canceled")
	}
	context.WithCancel(c)
}
