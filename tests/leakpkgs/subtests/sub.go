// Package subtests leaks in some subtests only.
package subtests

// Block waits on ch forever unless someone sends.
func Block(ch chan int) {
	go func() {
		<-ch // LEAKSITE
	}()
}
