package hang

import "testing"

func TestQuick(t *testing.T) {}

func TestHang(t *testing.T) {
	Helper(make(chan int))
	Wait(make(chan int))
}
