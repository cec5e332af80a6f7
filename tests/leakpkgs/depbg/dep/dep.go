// Package dep is a dependency whose init starts a daemon, as glog's flush
// daemon and opencensus' worker do.
package dep

import "time"

var events = make(chan string, 16)

func init() {
	go flushDaemon()
}

func flushDaemon() {
	for range time.NewTicker(time.Hour).C {
	}
}

// Record queues an event.
func Record(s string) {
	select {
	case events <- s:
	default:
	}
}
