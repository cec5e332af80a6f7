package main

import (
	"bytes"
	"net/http"
	"runtime/pprof"
)

var corruptMux = http.NewServeMux()

// serveCorrupt answers the pprof endpoints with a real profile cut in half
// (goroutine) and with bytes that are no profile at all (heap).
func serveCorrupt() {
	corruptMux.HandleFunc("/debug/pprof/goroutine", func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&b, 0)
		w.Write(b.Bytes()[:b.Len()/2])
	})
	corruptMux.HandleFunc("/debug/pprof/heap", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("\x1f\x8b<html>not a profile</html>"))
	})
}
