package subsliceretention

import (
	"bytes"
	"io"
	"os"
)

var magic = map[string][]byte{}
var header []byte
var firstIDs []int

type Cache struct {
	m   map[string][]byte
	hdr []byte
}

func leakMap(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	magic[name] = data[:8] // want "subslice data\\[:8\\] stored in map 'magic' keeps the whole backing array of 'data' alive; store a copy: append\\(\\[\\]byte\\(nil\\), data\\[:8\\]...\\)"
	return nil
}

func leakGlobal(buf []byte) {
	header = buf[:16] // want "subslice buf\\[:16\\] stored in package-level variable 'header'"
}

func leakInts(ids []int) {
	firstIDs = ids[0:3] // want "subslice ids\\[0:3\\] stored in package-level variable 'firstIDs'.*append\\(\\[\\]T\\(nil\\)"
}

func (c *Cache) leakFieldMap(name string, b []byte) {
	c.m[name] = b[:4] // want "stored in map 'c.m'"
}

func leakReadFile(name string) {
	data, _ := os.ReadFile(name)
	magic[name] = data[4:12] // want "subslice data\\[4:12\\]"
}

func leakWindow(off int, b []byte) {
	header = b[off : off+4] // want "subslice b\\[off : off\\+4\\]"
}

func cleanCopy(name string, b []byte) {
	magic[name] = append([]byte(nil), b[:8]...)
}

func cleanBytesClone(name string, b []byte) {
	magic[name] = bytes.Repeat(b[:8], 1)
}

func cleanReturn(b []byte) []byte {
	return b[:8]
}

func cleanField(c *Cache, b []byte) {
	c.hdr = b[:8]
}

func cleanLocalBuffer(name string) {
	buf := make([]byte, 16)
	magic[name] = buf[:8]
}

func cleanTrimInPlace() {
	header = header[:0]
}

func cleanVariableBounds(b []byte, i, j int) {
	header = b[i:j]
}

func cleanLocalMap(b []byte) map[string][]byte {
	m := map[string][]byte{}
	m["x"] = b[:8]
	return m
}

var frames [][]byte

func leakAppend(b []byte) {
	frames = append(frames, b[:4]) // want "subslice b\\[:4\\] stored in package-level variable 'frames'"
}

func cleanAppendSpread(b []byte) {
	header = append(header, b[:4]...)
}

var lastHeaders = map[string][]byte{}

// 64 bytes of a whole body kept per URL: each pins its body
func leakHeadOfBody(url string, body []byte) {
	lastHeaders[url] = body[:64] // want "subslice body\\[:64\\] stored in map 'lastHeaders'"
}

// read data kept in the receiver: the cache outlives the file
func (c *Cache) leakReceiverField(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c.hdr = data[:16] // want "subslice data\\[:16\\] stored in field 'c.hdr' of the receiver"
	return nil
}

// read data sent on: the receiver keeps what it gets
func leakSentHead(path string, out chan<- []byte) {
	data, _ := os.ReadFile(path)
	out <- data[:8] // want "subslice data\\[:8\\] sent on 'out' keeps the whole backing array of 'data' alive; send a copy"
}

func cleanSentCopy(path string, out chan<- []byte) {
	data, _ := os.ReadFile(path)
	out <- append([]byte(nil), data[:8]...)
}

// a parameter kept in the receiver: the caller's slice, already held
func (c *Cache) cleanReceiverParam(b []byte) {
	c.hdr = b[:16]
}

// the whole of the read data sent on: nothing more is pinned
func cleanSentWhole(path string, out chan<- []byte) {
	data, _ := os.ReadFile(path)
	out <- data
}

// prefix hands back a short piece of what it is given
func prefix(b []byte) []byte { return b[:8] }

// through the helper: the map keeps each whole body
func leakThroughHelper(url string, r io.Reader) {
	body, _ := io.ReadAll(r)
	lastHeaders[url] = prefix(body) // want "subslice prefix\\(body\\) \\(a short piece of 'body'\\) stored in map 'lastHeaders'"
}

// the helper copies: nothing is pinned
func prefixCopy(b []byte) []byte { return append([]byte(nil), b[:8]...) }

func cleanThroughCopyingHelper(url string, r io.Reader) {
	body, _ := io.ReadAll(r)
	lastHeaders[url] = prefixCopy(body)
}
