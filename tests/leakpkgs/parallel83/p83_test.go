package parallel83

import (
	"testing"
	"time"
)

func TestA(t *testing.T) {
	t.Parallel()
	Leak()
}

func TestB(t *testing.T) {
	t.Parallel()
	Work(100 * time.Millisecond)
}

func TestC(t *testing.T) {
	t.Parallel()
	Work(150 * time.Millisecond)
}
