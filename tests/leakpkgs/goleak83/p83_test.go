package p83goleak

// The tests of parallel83 with goleak's per-test check, as its README
// suggests: run in GOPATH mode beside the Debian copy of goleak.

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestA(t *testing.T) {
	t.Parallel()
	defer goleak.VerifyNone(t)
	Leak()
}

func TestB(t *testing.T) {
	t.Parallel()
	defer goleak.VerifyNone(t)
	Work(100 * time.Millisecond)
}

func TestC(t *testing.T) {
	t.Parallel()
	defer goleak.VerifyNone(t)
	Work(150 * time.Millisecond)
}
