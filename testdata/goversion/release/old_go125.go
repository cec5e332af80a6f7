//go:build !go1.25

package release

func leakOld() {
	var older chan int
	older <- 1 // nil-channel: reported when this file is built
}
