// Package testmain3 has its own TestMain.
package testmain3

// Serve answers on a channel until it closes.
func Serve(reqs chan int) {
	go func() {
		for range reqs { // LEAKSITE
		}
	}()
}
