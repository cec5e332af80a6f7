package app

import "testing"

func TestHandle(t *testing.T) {
	t.Parallel()
	Handle("a")
}

func TestHandleMore(t *testing.T) {
	t.Parallel()
	Handle("b")
}
