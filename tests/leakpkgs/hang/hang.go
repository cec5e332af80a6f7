// Package hang has a test that never ends.
package hang

// Wait blocks until ch is closed.
func Wait(ch chan int) {
	<-ch // HANGSITE
}

// Helper starts a goroutine that waits on ch.
func Helper(ch chan int) {
	go func() {
		ch <- 1 // HELPERSITE
	}()
}
