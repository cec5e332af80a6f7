// Command hostile is the other end of drip watch in the hostile-input
// tests: it serves fixed profile files (a bomb, say), an endless or huge
// body, or redirects every request elsewhere, and logs the headers it was
// sent, so a test can see whether a credential reached it. Loopback only.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	addrFile := flag.String("addrfile", "", "write the listen address here")
	dir := flag.String("dir", "", "serve DIR/goroutine and DIR/heap as the two pprof endpoints")
	bigBody := flag.Int64("big", 0, "serve a heap body of this many bytes, written in 64 KiB pieces")
	redirect := flag.String("redirect", "", "answer 302 to this base URL (or 'self') plus /real and the request URI")
	hdrLog := flag.String("hdrlog", "", "append 'PATH NAME: VALUE' for each header received")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a fresh self-signed certificate")
	flag.Parse()
	if !strings.HasPrefix(*addr, "127.0.0.1:") && !strings.HasPrefix(*addr, "localhost:") {
		log.Fatal("loopback addresses only")
	}
	var mu sync.Mutex
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if *hdrLog != "" {
			mu.Lock()
			if f, err := os.OpenFile(*hdrLog, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				for name, vals := range r.Header {
					for _, v := range vals {
						fmt.Fprintf(f, "%s %s: %s\n", r.URL.Path, name, v)
					}
				}
				f.Close()
			}
			mu.Unlock()
		}
		if *redirect != "" && !strings.HasPrefix(r.URL.Path, "/real/") {
			base := *redirect
			if base == "self" {
				base = "http://" + r.Host
			}
			http.Redirect(w, r, base+"/real"+r.URL.RequestURI(), http.StatusFound)
			return
		}
		kind := filepath.Base(r.URL.Path)
		if *bigBody > 0 && kind == "heap" {
			piece := make([]byte, 64<<10)
			for left := *bigBody; left > 0; left -= int64(len(piece)) {
				if left < int64(len(piece)) {
					piece = piece[:left]
				}
				if _, err := w.Write(piece); err != nil {
					return
				}
			}
			return
		}
		if *dir == "" || (kind != "goroutine" && kind != "heap") {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join(*dir, kind))
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	if *useTLS {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{selfSigned()}}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile+".tmp", []byte(ln.Addr().String()), 0o644); err != nil {
			log.Fatal(err)
		}
		os.Rename(*addrFile+".tmp", *addrFile)
	}
	// A test that forgets it cannot leave it running for long.
	time.AfterFunc(2*time.Minute, func() { os.Exit(0) })
	log.Fatal(srv.Serve(ln))
}

// selfSigned makes a certificate for 127.0.0.1 and localhost that no
// client trusts.
func selfSigned() tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		log.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
