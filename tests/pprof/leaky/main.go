// leaky is a small HTTP service with net/http/pprof for drip's live tests.
// -mode picks what /work does on every request:
//
//	goleak  starts a goroutine that blocks forever (goleak.go)
//	retain  keeps a subslice of each request body in a global map (retain.go)
//	stable  busy, allocates, but keeps nothing (stable.go)
//	corrupt serves truncated and garbled profiles on /debug/pprof/
//
// It listens on -addr (127.0.0.1:0 picks a free port) and writes the
// address it got to -addrfile.
package main

import (
	"crypto/tls"
	"flag"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
)

func main() {
	mode := flag.String("mode", "stable", "goleak, retain or stable")
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	addrFile := flag.String("addrfile", "", "write the listen address here")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a fresh self-signed certificate")
	token := flag.String("token", "", "require the header 'Authorization: Bearer TOKEN'")
	reqLog := flag.String("reqlog", "", "append the URI of every request to this file")
	flag.Parse()
	switch *mode {
	case "goleak":
		http.HandleFunc("/work", goleakHandler)
	case "retain":
		http.HandleFunc("/work", retainHandler)
	case "stable":
		http.HandleFunc("/work", stableHandler)
	case "corrupt":
		serveCorrupt()
	default:
		log.Fatalf("unknown -mode %q", *mode)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if *useTLS {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{selfSigned()}})
	}
	if *addrFile != "" {
		tmp := *addrFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(ln.Addr().String()), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, *addrFile); err != nil {
			log.Fatal(err)
		}
	}
	handler := http.Handler(http.DefaultServeMux)
	if *mode == "corrupt" {
		handler = corruptMux
	}
	if *token != "" {
		handler = requireToken(*token, handler)
	}
	if *reqLog != "" {
		handler = logRequests(*reqLog, handler)
	}
	log.Fatal(http.Serve(ln, handler))
}
