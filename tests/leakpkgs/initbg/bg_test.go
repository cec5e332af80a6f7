package initbg

import "testing"

func TestLog(t *testing.T) {
	Log([]byte("x"))
}

func TestParallelLog(t *testing.T) {
	t.Parallel()
	Log([]byte("y"))
}
