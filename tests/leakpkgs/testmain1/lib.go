// Package testmain1 has its own TestMain.
package testmain1

// Serve answers on a channel until it closes.
func Serve(reqs chan int) {
	go func() {
		for range reqs { // LEAKSITE
		}
	}()
}
