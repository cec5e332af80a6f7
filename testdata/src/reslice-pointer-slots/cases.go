package reslicepointerslots

type Job struct{ data []byte }

type Queue struct {
	items []*Job
	names []string
	ids   []int
	funcs []func()
}

type Event struct {
	ID   int
	Attr map[string]string
}

type Log struct {
	events []Event
	ifaces []interface{}
	pairs  [][2]*Job
}

var pending []*Job

// The popped element is returned or consumed: the caller decides how long
// it lives, and the slot pins it no longer than the queue's next growth.
func (q *Queue) cleanPopReturned() *Job {
	j := q.items[0]
	q.items = q.items[1:]
	return j
}

func cleanGlobalPopReturned() *Job {
	j := pending[0]
	pending = pending[1:]
	return j
}

func (q *Queue) cleanFuncsRun() {
	f := q.funcs[0]
	q.funcs = q.funcs[1:]
	f()
}

func (l *Log) cleanStructReturned() Event {
	e := l.events[0]
	l.events = l.events[1:]
	return e
}

// Dropped unread: nothing but the old slot points to the element.
func (q *Queue) leakDrop() {
	q.items = q.items[1:] // want "reslicing q.items drops its first element but the backing array still points to it, so it cannot be collected; set q.items\\[0\\] = nil"
}

func leakGlobalDrop() {
	if len(pending) > 8 {
		pending = pending[1:] // want "reslicing pending drops its first element"
	}
}

func (q *Queue) leakFuncsDrop() {
	q.funcs = q.funcs[1:] // want "reslicing q.funcs drops its first element"
}

// The read comes after the pop: the slot at 0 is then the next element.
func (l *Log) leakStructWithMap() Event {
	l.events = l.events[1:] // want "reslicing l.events drops its first element"
	return l.events[0]
}

func (l *Log) leakTwo() {
	l.ifaces = l.ifaces[2:] // want "reslicing l.ifaces drops its first 2 elements but the backing array still points to them"
}

func (l *Log) leakArrays() {
	if len(l.pairs) > 0 {
		l.pairs = l.pairs[1:] // want "reslicing l.pairs drops its first element"
	}
}

func (q *Queue) leakInLoop() {
	for len(q.items) > 0 {
		q.items = q.items[1:] // want "reslicing q.items drops its first element"
	}
}

func (q *Queue) cleanZeroed() *Job {
	j := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	return j
}

func (q *Queue) cleanInts() int {
	v := q.ids[0]
	q.ids = q.ids[1:]
	return v
}

func (q *Queue) cleanStrings() string {
	s := q.names[0]
	q.names = q.names[1:]
	return s
}

func cleanLocalQueue(start *Job) int {
	queue := []*Job{start}
	n := 0
	for len(queue) > 0 {
		queue = queue[1:]
		n++
	}
	return n
}

func (q *Queue) cleanTruncate() {
	q.items = q.items[:0]
}

func (q *Queue) cleanVariableTrim(i int) {
	q.items = q.items[i:]
}

func (q *Queue) cleanOtherSlice(other []*Job) {
	q.items = other[1:]
}

type freeList struct{ free []Event }

func (f *freeList) cleanFreeList() *Event {
	e := &f.free[0]
	f.free = f.free[1:]
	return e
}

func (l *Log) cleanZeroValue() {
	l.events[0] = Event{}
	l.events = l.events[1:]
}

type Cache struct {
	order []map[string]*Job
}

// evicting the oldest batch unread: the old slot keeps its map and jobs
func (c *Cache) leakEvictOldest() {
	if len(c.order) > 64 {
		c.order = c.order[1:] // want "reslicing c.order drops its first element"
	}
}
