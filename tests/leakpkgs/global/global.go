// Package global leaks two goroutines: one on a channel only it can
// reach, one on a channel a package variable keeps.
package global

var subscribers = map[string]chan string{}

// Subscribe registers a channel under name and waits on it.
func Subscribe(name string) {
	ch := make(chan string)
	subscribers[name] = ch
	go func() {
		<-ch // LEAKSITE-GLOBAL
	}()
}

// Orphan waits on a channel nobody else has.
func Orphan() {
	ch := make(chan string)
	go func() {
		<-ch // LEAKSITE-LOCAL
	}()
}
