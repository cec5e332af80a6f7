package substringretention

import (
	"bufio"
	"strings"
)

var kept = map[int]string{}
var lastPrefix string

type Index struct {
	byName map[string]string
	name   string
}

func leakMap(i int, request string) {
	kept[i] = request[:16] // want "substring request\\[:16\\] stored in map 'kept' keeps all of string 'request' alive; store a copy: strings.Clone\\(request\\[:16\\]\\)"
}

func leakGlobal(line string) {
	lastPrefix = line[2:10] // want "substring line\\[2:10\\] stored in package-level variable 'lastPrefix'"
}

func (ix *Index) leakFieldMap(key, body string) {
	ix.byName[key] = body[:64] // want "stored in map 'ix.byName'"
}

func leakWindow(i int, doc string) {
	kept[i] = doc[i : i+8] // want "substring doc\\[i : i\\+8\\]"
}

func readLine(r *bufio.Reader) (string, error) { return r.ReadString('\n') }

func leakRead(r *bufio.Reader, i int) {
	s, _ := readLine(r)
	kept[i] = s[:4] // want "keeps all of string 's' alive"
}

func leakMultiAssign(a, b string) {
	kept[0], lastPrefix = a[:1], b[:2] // want "substring a\\[:1\\]" "substring b\\[:2\\]"
}

func leakNamedMap(m map[int]string, i int, s string) {
	kept[i] = s[1:3] // want "substring s\\[1:3\\]"
	m[i] = s[1:3]    // a map parameter: the caller's business, not reported
}

func cleanClone(i int, request string) {
	kept[i] = strings.Clone(request[:16])
}

func cleanConversion(i int, request string) {
	kept[i] = string([]byte(request[:16]))
}

func cleanReturn(s string) string {
	return s[:16]
}

func cleanLocal(s string) int {
	p := s[:16]
	return len(p)
}

func cleanField(ix *Index, s string) {
	ix.name = s[:16]
}

func cleanLocalMap(s string) map[int]string {
	m := map[int]string{}
	m[0] = s[:16]
	return m
}

func cleanConstantSource(i int) {
	const banner = "drip: leak finder"
	kept[i] = banner[:4]
}

func cleanTrimInPlace() {
	lastPrefix = lastPrefix[:1]
}

func cleanVariableBounds(i, j int, s string) {
	kept[i] = s[i:j]
}

func cleanLocalBuilt(i int) {
	s := "abc" + "def"
	kept[i] = s[:2]
}

var names []string

func leakAppend(s string) {
	names = append(names, s[:8]) // want "substring s\\[:8\\] stored in package-level variable 'names'"
}

func cleanAppendClone(s string) {
	names = append(names, strings.Clone(s[:8]))
}

func cleanAppendLocal(s string) []string {
	var local []string
	local = append(local, s[:8])
	return local
}

// read data kept in the receiver: the index outlives the line
func (ix *Index) leakReceiverField(r *bufio.Reader) {
	s, _ := readLine(r)
	ix.name = s[:8] // want "substring s\\[:8\\] stored in field 'ix.name' of the receiver keeps all of string 's' alive"
}

// read data sent on: the receiver keeps what it gets
func leakSent(r *bufio.Reader, out chan<- string) {
	s, _ := readLine(r)
	out <- s[:8] // want "substring s\\[:8\\] sent on 'out' keeps all of string 's' alive; send a copy"
}

// a parameter kept in the receiver: the caller's string, already held
func (ix *Index) cleanReceiverParam(s string) {
	ix.name = s[:8]
}

// a value receiver's field dies with the copy
func (ix Index) cleanValueReceiver(r *bufio.Reader) {
	s, _ := readLine(r)
	ix.name = s[:8]
	_ = ix.name
}

func cleanSentClone(r *bufio.Reader, out chan<- string) {
	s, _ := readLine(r)
	out <- strings.Clone(s[:8])
}
