//go:build go1.25

package release

func leakNew() {
	var newer chan int
	newer <- 1 // nil-channel: reported when this file is built
}
