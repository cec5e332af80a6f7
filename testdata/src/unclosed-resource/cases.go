package unclosedresource

import (
	"bufio"
	"compress/gzip"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
)

func leakFile(path string) (string, error) {
	f, err := os.Open(path) // want "file 'f' from os.Open is not closed on every path: the return at line \\d+ leaves it open; defer f.Close\\(\\) after checking the error"
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return "", err
	}
	f.Close()
	return line, nil
}

func leakBody(url string) (int, error) {
	resp, err := http.Get(url) // want "response body 'resp' from http.Get is not closed on every path: .*defer resp.Body.Close\\(\\)"
	if err != nil {
		return 0, err
	}
	b, err := io.ReadAll(resp.Body)
	return len(b), err
}

func leakConn(addr string, msg []byte) error {
	c, err := net.Dial("tcp", addr) // want "connection 'c' from net.Dial is not closed on every path"
	if err != nil {
		return err
	}
	if _, err := c.Write(msg); err != nil {
		return err
	}
	return c.Close()
}

func leakRows(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT 1") // want "rows 'rows' from db.Query is not closed on every path"
	if err != nil {
		return 0, err
	}
	if !rows.NextResultSet() {
		return 0, errors.New("no result")
	}
	defer rows.Close()
	return 1, nil
}

func leakPipe() error {
	r, w, err := os.Pipe() // want "pipe end 'r' from os.Pipe is not closed" "pipe end 'w' from os.Pipe is not closed on every path"
	if err != nil {
		return err
	}
	println(r.Fd())
	if _, err := w.Write([]byte("x")); err != nil {
		return err
	}
	return w.Close()
}

// gzip.Reader's Close releases nothing (it does not close src): not a leak.
func cleanGzip(src io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(src)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func leakDiscarded(c *http.Client, req *http.Request) error {
	_, err := c.Do(req) // want "response body from c.Do is discarded and can never be closed"
	return err
}

func cleanDefer(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func cleanReturned(path string) (*os.File, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

type holder struct{ c net.Conn }

func (h *holder) cleanStored(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	h.c = c
	return nil
}

func consume(rc io.ReadCloser) { rc.Close() }

func cleanPassed(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	consume(resp.Body)
	return nil
}

func cleanPassedWhole(url string, keep func(*http.Response)) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	keep(resp)
	return nil
}

func cleanRowsNext(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func cleanErrEqualNil(path string) bool {
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		return true
	}
	return false
}

func cleanIsNotExist(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

func cleanGoroutineCloses(ln net.Listener) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	go func() {
		defer c.Close()
		io.Copy(io.Discard, c)
	}()
	return nil
}

func cleanWrappedReturn(path string) (*bufio.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return bufio.NewReader(f), nil
}

func leakWrappedLocal(path string) (int, error) {
	f, err := os.Open(path) // want "file 'f' from os.Open is not closed"
	if err != nil {
		return 0, err
	}
	r := bufio.NewReader(f)
	return r.Buffered(), nil
}

// openLog hands on what os.OpenFile returns: its callers own the file.
func openLog(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
}

func leakThroughHelper(path string) error {
	f, err := openLog(path) // want "file 'f' from openLog is not closed on every path: the return at line \\d+ leaves it open"
	if err != nil {
		return err
	}
	_, err = f.WriteString("x")
	return err
}

func leakCreateClosedOnSuccess(path string, b []byte) error {
	f, err := os.Create(path) // want "file 'f' from os.Create is not closed on every path"
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		return err
	}
	return f.Close()
}

func cleanThroughHelper(path string) error {
	f, err := openLog(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("x")
	return err
}

// the file is kept only when there is one: err == nil in an ||
func cleanRetryStored(l *logFile, name string) {
	for retries := 0; retries <= 5; retries++ {
		f, err := openLog(name)
		if err == nil || !os.IsNotExist(err) {
			l.f = f
			break
		}
	}
}

type logFile struct{ f *os.File }

// openOrNew may return a file it did not open: not a helper of os.Open
func openOrNew(path string, keep *os.File) (*os.File, error) {
	if keep != nil {
		return keep, nil
	}
	return os.Open(path)
}

func cleanNotAHelper(path string, keep *os.File) error {
	f, err := openOrNew(path, keep)
	if err != nil {
		return err
	}
	_, err = f.Stat()
	return err
}

// openChecked opens and checks the file, and hands it on: its callers own it
func openChecked(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func leakThroughCheckedHelper(path string) (int64, error) {
	f, err := openChecked(path) // want "file 'f' from openChecked is not closed on every path"
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	f.Close()
	return st.Size(), nil
}

func cleanThroughCheckedHelper(path string) (int64, error) {
	f, err := openChecked(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

type logSink struct {
	out *os.File
	tmp *os.File
}

// kept in a field nothing reads: no Close can ever reach it
func (l *logSink) leakFieldNeverClosed(path string) error {
	var err error
	l.tmp, err = os.Create(path + ".tmp") // want "file from os.Create is stored in 'l.tmp', which nothing in the package reads or closes"
	return err
}

// kept in a field the owner's Close closes
func (l *logSink) cleanFieldClosedByOwner(path string) error {
	var err error
	l.out, err = os.Create(path)
	return err
}

func (l *logSink) Close() error { return l.out.Close() }
