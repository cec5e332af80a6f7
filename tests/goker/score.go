// score.go - scores drip check on the GoKer kernels of Go's goroutine leak
// profile test (src/runtime/testdata/testgoroutineleakprofile/goker).
//
// The truth is Go's own: src/runtime/goroutineleakprofile_test.go lists, per
// kernel, regular expressions "Func(... [wait reason]" for the goroutines
// that must leak. Func is the goroutine's entry function as the compiler
// names it (F, (*T).M, F.func2, F.func2.1, F.gowrap1) and the wait reason
// says what it blocks on (chan send, sync.Mutex.Lock, ...). This program
// type-checks the kernels with go/types, names every function the way the
// compiler does, and for each expected (entry, reason) collects the
// blocking sites: the lines of the operations of that kind that the entry
// function runs, itself or through the package's functions and closures it
// calls (through an interface or a func value too: see dispatch), plus the
// go statements that start it. Then it reads drip check's
// findings on stdin and prints, per kernel, whether a finding of the right
// kind sits on a site, and every finding that is on no site ("not the bug").
//
// Usage: score GOKER_DIR LEAK_TEST_FILE < drip-output
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The kinds of blocking, as classes that drip's rules report.
const (
	classChan = "chan"
	classLock = "lock"
	classWG   = "wg"
	classCond = "cond"
)

// ruleClasses: which blocking a rule's finding is about.
var ruleClasses = map[string][]string{
	"abandoned-channel":  {classChan},
	"nil-channel":        {classChan},
	"goroutine-no-exit":  {classChan},
	"range-unclosed":     {classChan},
	"block-forever":      {classChan},
	"chan-partner":       {classChan},
	"mutex-not-unlocked": {classLock},
	"lock-order":         {classLock},
	"double-lock":        {classLock},
	"lock-across-block":  {classLock, classChan, classWG},
	"waitgroup-misuse":   {classWG, classLock},
	"cond-no-signal":     {classCond},
}

var reasonClass = map[string]string{
	"chan send":               classChan,
	"chan receive":            classChan,
	"chan send (nil chan)":    classChan,
	"chan receive (nil chan)": classChan,
	"select":                  classChan,
	"select (no cases)":       classChan,
	"sync.Mutex.Lock":         classLock,
	"sync.RWMutex.Lock":       classLock,
	"sync.RWMutex.RLock":      classLock,
	"sync.WaitGroup.Wait":     classWG,
	"sync.Cond.Wait":          classCond,
}

// opsOf: the operations that block with a wait reason. RWMutex.Lock
// first takes the writer mutex, so it may wait as sync.Mutex.Lock.
var opsOf = map[string][]string{
	"sync.Mutex.Lock": {"sync.Mutex.Lock", "sync.RWMutex.Lock"},
}

func init() {
	for r := range reasonClass {
		if opsOf[r] == nil {
			opsOf[r] = []string{r}
		}
	}
}

type fn struct {
	name   string // compiler's name, without "main."
	file   string // base name of the kernel file
	body   *ast.BlockStmt
	ops    map[string][]int          // wait reason -> lines of operations directly in body
	locks  map[string][]types.Object // lock wait reason -> the locks of those ops, in step
	calls  []*fn                     // functions this one runs on its own goroutine
	spawns []int                     // lines of go statements that start it
	dyn    []*ast.CallExpr           // calls through an interface or a func value
	method *types.Func               // the method this is, for interface calls
	handed *types.Signature          // a closure passed or stored as a value: its type
}

type checker struct {
	fset  *token.FileSet
	info  *types.Info
	funcs []*fn
	byObj map[types.Object]*fn
	byLit map[*ast.FuncLit]*fn
	file  string
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: score GOKER_DIR LEAK_TEST_FILE < drip-output")
		os.Exit(2)
	}
	dir, testFile := os.Args[1], os.Args[2]
	res, err := expectedLeaks(testFile)
	if err != nil {
		fail(err)
	}
	c, kernels, err := load(dir)
	if err != nil {
		fail(err)
	}
	sites := c.sites(res)
	score(kernels, sites, readFindings(os.Stdin))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "score:", err)
	os.Exit(2)
}

// expectedLeaks: the regexps of gokerTestCases, the commented-out ones too
// (kubernetes1321 is kept there "for posterity": its bug is as real).
func expectedLeaks(path string) ([]*regexp.Regexp, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := string(src)
	i := strings.Index(s, "gokerTestCases := []testCase{")
	if i < 0 {
		return nil, fmt.Errorf("%s: no gokerTestCases", path)
	}
	s = s[i:]
	if j := strings.Index(s, "\n\t}\n"); j >= 0 {
		s = s[:j]
	}
	var out []*regexp.Regexp
	for _, m := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(s, -1) {
		re, err := regexp.Compile(m[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		out = append(out, re)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no expected leaks", path)
	}
	return out, nil
}

func load(dir string) (*checker, []string, error) {
	fset := token.NewFileSet()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	var kernels []string
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
		if filepath.Base(p) != "main.go" {
			kernels = append(kernels, filepath.Base(p))
		}
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("main", fset, files, info); err != nil {
		return nil, nil, err
	}
	c := &checker{fset: fset, info: info, byObj: map[types.Object]*fn{}, byLit: map[*ast.FuncLit]*fn{}}
	for _, f := range files {
		c.file = filepath.Base(fset.Position(f.Pos()).Filename)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				c.declare(fd)
			}
		}
	}
	for _, f := range files {
		c.handedLits(f)
	}
	for _, f := range c.funcs {
		c.scan(f)
	}
	c.dispatch()
	return c, kernels, nil
}

func (c *checker) newFn(name string, body *ast.BlockStmt) *fn {
	f := &fn{name: name, file: c.file, body: body, ops: map[string][]int{}, locks: map[string][]types.Object{}}
	c.funcs = append(c.funcs, f)
	return f
}

// declare names fd and its closures as the compiler does: F, (*T).M,
// then F.func1, F.func2 in source order per enclosing function, nested
// ones F.func2.1.
func (c *checker) declare(fd *ast.FuncDecl) {
	name := fd.Name.Name
	if fd.Recv != nil && len(fd.Recv.List) == 1 {
		t := fd.Recv.List[0].Type
		if ix, ok := t.(*ast.IndexExpr); ok {
			t = ix.X
		}
		switch t := t.(type) {
		case *ast.StarExpr:
			name = "(*" + exprName(t.X) + ")." + name
		default:
			name = exprName(t) + "." + name
		}
	}
	f := c.newFn(name, fd.Body)
	c.byObj[c.info.Defs[fd.Name]] = f
	if m, ok := c.info.Defs[fd.Name].(*types.Func); ok && fd.Recv != nil {
		f.method = m
	}
	c.closures(f, fd.Body, name, false)
}

func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return exprName(e.X)
	}
	return "?"
}

func (c *checker) closures(parent *fn, body ast.Node, prefix string, nested bool) {
	n := 0
	sep := ".func"
	if nested {
		sep = "."
	}
	ast.Inspect(body, func(x ast.Node) bool {
		lit, ok := x.(*ast.FuncLit)
		if !ok || x == body {
			return true
		}
		n++
		name := prefix + sep + strconv.Itoa(n)
		f := c.newFn(name, lit.Body)
		c.byLit[lit] = f
		c.closures(f, lit.Body, name, true)
		return false
	})
}

// scan records the blocking operations directly in f's body, what it
// calls on its own goroutine, and the goroutines it starts.
func (c *checker) scan(f *fn) {
	gowrap := 0
	line := func(p token.Pos) int { return c.fset.Position(p).Line }
	var visit func(x ast.Node) bool
	visit = func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			if g := c.byLit[x]; g != nil && g != f {
				// A closure not started by go runs here (called,
				// deferred, passed to Once.Do, ...).
				f.calls = append(f.calls, g)
			}
			return false
		case *ast.GoStmt:
			if lit, ok := x.Call.Fun.(*ast.FuncLit); ok {
				if g := c.byLit[lit]; g != nil {
					g.spawns = append(g.spawns, line(x.Pos()))
				}
			} else {
				gowrap++
				if g := c.callee(x.Call); g != nil {
					g.spawns = append(g.spawns, line(x.Pos()))
					w := c.newFn(f.name+".gowrap"+strconv.Itoa(gowrap), nil)
					w.ops = map[string][]int{}
					w.calls = []*fn{g}
					w.spawns = []int{line(x.Pos())}
					w.file = f.file
				}
			}
			for _, a := range x.Call.Args {
				ast.Inspect(a, visit)
			}
			return false
		case *ast.SendStmt:
			f.ops["chan send"] = append(f.ops["chan send"], line(x.Arrow))
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				f.ops["chan receive"] = append(f.ops["chan receive"], line(x.OpPos))
			}
		case *ast.RangeStmt:
			if t, ok := c.info.Types[x.X]; ok {
				if _, ok := t.Type.Underlying().(*types.Chan); ok {
					f.ops["chan receive"] = append(f.ops["chan receive"], line(x.For))
				}
			}
		case *ast.SelectStmt:
			hasDefault := false
			for _, cc := range x.Body.List {
				if cc.(*ast.CommClause).Comm == nil {
					hasDefault = true
				}
			}
			if len(x.Body.List) == 0 {
				f.ops["select (no cases)"] = append(f.ops["select (no cases)"], line(x.Select))
			} else if !hasDefault {
				f.ops["select"] = append(f.ops["select"], line(x.Select))
			}
			// The comm clauses' operations are the select's, not
			// separate blocking points; the bodies are walked.
			for _, cc := range x.Body.List {
				for _, s := range cc.(*ast.CommClause).Body {
					ast.Inspect(s, visit)
				}
			}
			return false
		case *ast.CallExpr:
			if r := c.syncOp(x); r != "" {
				f.ops[r] = append(f.ops[r], line(x.Pos()))
				f.locks[r] = append(f.locks[r], c.lockID(x.Fun.(*ast.SelectorExpr)))
			} else if g := c.callee(x); g != nil {
				f.calls = append(f.calls, g)
			} else {
				f.dyn = append(f.dyn, x)
			}
		}
		return true
	}
	if f.body != nil {
		for _, s := range f.body.List {
			ast.Inspect(s, visit)
		}
	}
}

// dispatch resolves the calls through an interface or a func value the way
// the goroutine may run them, by class hierarchy within the kernel's file
// (each kernel is one file): an interface method call runs the file's
// methods of that name whose receiver implements the interface; a call of
// a func value runs the file's closures of the identical type that are
// handed on as values (passed as an argument, stored, returned), not the
// ones called, deferred or started in place.
func (c *checker) dispatch() {
	for _, f := range c.funcs {
		for _, call := range f.dyn {
			if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if sel := c.info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
					if it, ok := sel.Recv().Underlying().(*types.Interface); ok {
						for _, g := range c.funcs {
							if g.method == nil || g.file != f.file || g.method.Name() != sel.Obj().Name() {
								continue
							}
							rt := g.method.Type().(*types.Signature).Recv().Type()
							if types.Implements(rt, it) {
								f.calls = append(f.calls, g)
							}
						}
						continue
					}
				}
			}
			tv, ok := c.info.Types[call.Fun]
			if !ok || tv.IsType() {
				continue
			}
			sig, ok := tv.Type.Underlying().(*types.Signature)
			if !ok {
				continue
			}
			for _, g := range c.funcs {
				if g.handed != nil && g.file == f.file && types.Identical(g.handed, sig) {
					f.calls = append(f.calls, g)
				}
			}
		}
	}
}

// handedLits marks the closures of file that are handed on as values.
func (c *checker) handedLits(file *ast.File) {
	inPlace := map[*ast.FuncLit]bool{}
	ast.Inspect(file, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(x.Fun).(*ast.FuncLit); ok {
				inPlace[lit] = true
			}
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(x.Call.Fun).(*ast.FuncLit); ok {
				inPlace[lit] = true
			}
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(x.Call.Fun).(*ast.FuncLit); ok {
				inPlace[lit] = true
			}
		case *ast.FuncLit:
			if g := c.byLit[x]; g != nil && !inPlace[x] {
				if sig, ok := c.info.Types[x].Type.(*types.Signature); ok {
					g.handed = sig
				}
			}
		}
		return true
	})
}

// syncOp: the wait reason of a blocking sync method call, or "".
func (c *checker) syncOp(call *ast.CallExpr) string {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	sel := c.info.Selections[se]
	if sel == nil {
		return ""
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok || m.Pkg() == nil || m.Pkg().Path() != "sync" {
		return ""
	}
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return ""
	}
	r := "sync." + named.Obj().Name() + "." + m.Name()
	if _, ok := reasonClass[r]; ok {
		return r
	}
	return ""
}

// lockID: the variable or struct field holding the mutex of x.Lock() (the
// embedded field when Lock is promoted), or nil.
func (c *checker) lockID(se *ast.SelectorExpr) types.Object {
	var id types.Object
	switch x := ast.Unparen(se.X).(type) {
	case *ast.Ident:
		id = c.info.Uses[x]
	case *ast.SelectorExpr:
		if s := c.info.Selections[x]; s != nil {
			id = s.Obj()
		}
	}
	sel := c.info.Selections[se]
	if id == nil || sel == nil || len(sel.Index()) < 2 {
		return id
	}
	t := c.info.Types[se.X].Type
	var field types.Object
	for _, i := range sel.Index()[:len(sel.Index())-1] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return id
		}
		field = st.Field(i)
		t = field.Type()
	}
	return field
}

// callee: the package function or method a call runs, or nil.
func (c *checker) callee(call *ast.CallExpr) *fn {
	switch e := call.Fun.(type) {
	case *ast.Ident:
		return c.byObj[c.info.Uses[e]]
	case *ast.SelectorExpr:
		if sel := c.info.Selections[e]; sel != nil {
			if m, ok := sel.Obj().(*types.Func); ok {
				return c.byObj[m.Origin()]
			}
		}
		return c.byObj[c.info.Uses[e.Sel]]
	case *ast.FuncLit:
		return c.byLit[e]
	}
	return nil
}

// site is a line of a kernel file where an expected leak blocks (or
// starts), with the classes of rule that may report it.
type site struct {
	file string
	line int
}

func (c *checker) sites(res []*regexp.Regexp) map[site]map[string]bool {
	out := map[site]map[string]bool{}
	add := func(file string, line int, class string) {
		k := site{file, line}
		if out[k] == nil {
			out[k] = map[string]bool{}
		}
		out[k][class] = true
	}
	// Every acquisition of a lock some expected goroutine blocks on is
	// a site too: one of them is the lock that is never released.
	culprits := map[types.Object]bool{}
	matched := make([]bool, len(res))
	for _, f := range c.funcs {
		for reason, class := range reasonClass {
			leak := f.name + "(0x0) [" + reason + "]"
			hit := false
			for i, re := range res {
				if re.MatchString(leak) {
					matched[i] = true
					hit = true
				}
			}
			if !hit {
				continue
			}
			for _, l := range f.spawns {
				add(f.file, l, class)
			}
			seen := map[*fn]bool{}
			var walk func(g *fn)
			walk = func(g *fn) {
				if seen[g] {
					return
				}
				seen[g] = true
				for _, r := range opsOf[reason] {
					for i, l := range g.ops[r] {
						add(g.file, l, class)
						if i < len(g.locks[r]) && g.locks[r][i] != nil {
							culprits[g.locks[r][i]] = true
						}
					}
				}
				for _, h := range g.calls {
					walk(h)
				}
			}
			walk(f)
		}
	}
	for _, f := range c.funcs {
		for _, r := range []string{"sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock"} {
			for i, id := range f.locks[r] {
				if culprits[id] {
					add(f.file, f.ops[r][i], classLock)
				}
			}
		}
	}
	for i, ok := range matched {
		if !ok {
			fmt.Fprintf(os.Stderr, "score: warning: no kernel function matches %s\n", res[i])
		}
	}
	return out
}

type finding struct {
	file string
	line int
	rule string
	text string
}

var findingRE = regexp.MustCompile(`^(.*):(\d+):\d+: .* \(([a-z-]+)\)$`)

func readFindings(f *os.File) []finding {
	var out []finding
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := findingRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		l, _ := strconv.Atoi(m[2])
		out = append(out, finding{filepath.Base(m[1]), l, m[3], sc.Text()})
	}
	return out
}

func score(kernels []string, sites map[site]map[string]bool, fs []finding) {
	flagged := map[string]bool{}
	notBug := 0
	for _, f := range fs {
		cls := sites[site{f.file, f.line}]
		right := false
		for _, c := range ruleClasses[f.rule] {
			if cls[c] {
				right = true
			}
		}
		switch {
		case right:
			flagged[f.file] = true
		case cls != nil:
			// On a blocking line of the bug, but of another kind:
			// neither credit nor noise.
			fmt.Printf("wrong kind: %s\n", f.text)
		default:
			notBug++
			fmt.Printf("not the bug: %s\n", f.text)
		}
	}
	sort.Strings(kernels)
	var missed []string
	for _, k := range kernels {
		if !flagged[k] {
			missed = append(missed, strings.TrimSuffix(k, ".go"))
		}
	}
	fmt.Printf("missed: %s\n", strings.Join(missed, " "))
	fmt.Printf("goker: %d of %d kernels flagged at the bug's site; %d findings not the bug\n",
		len(flagged), len(kernels), notBug)
}
