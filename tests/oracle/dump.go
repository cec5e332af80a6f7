// Command oracle prints go/parser's syntax tree in the canonical S-expression
// format of drip's src/go/dump.c, compares it with drip's dump, and times
// go/parser for the parser benchmark. Standard library only.
//
//	oracle -dump FILE...          print the dump of each file
//	oracle -compare < DRIPDUMP    compare with "drip parse -ast" output
//	oracle -parse [-j N] FILE...  parse only (benchmark); FILE may be a
//	                              list file given as @LIST
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

const mode = parser.ParseComments | parser.SkipObjectResolution

type dumper struct {
	b    []byte
	base int
}

func (d *dumper) pos(p token.Pos) {
	if !p.IsValid() {
		d.b = append(d.b, " -"...)
		return
	}
	d.b = append(d.b, ' ')
	d.b = appendInt(d.b, int(p)-d.base)
}

func appendInt(b []byte, v int) []byte {
	return append(b, fmt.Sprint(v)...)
}

func (d *dumper) quoted(s string) {
	const hex = "0123456789abcdef"
	d.b = append(d.b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			d.b = append(d.b, c)
		} else {
			d.b = append(d.b, '\\', 'x', hex[c>>4], hex[c&15])
		}
	}
	d.b = append(d.b, '"')
}

func (d *dumper) tok(t token.Token) {
	d.b = append(d.b, ' ')
	d.b = append(d.b, t.String()...)
}

func (d *dumper) flag(v bool) {
	if v {
		d.b = append(d.b, " 1"...)
	} else {
		d.b = append(d.b, " 0"...)
	}
}

func (d *dumper) child(n ast.Node) {
	d.b = append(d.b, ' ')
	d.node(n)
}

func (d *dumper) exprs(l []ast.Expr) {
	d.b = append(d.b, " ["...)
	for i, x := range l {
		if i > 0 {
			d.b = append(d.b, ' ')
		}
		d.node(x)
	}
	d.b = append(d.b, ']')
}

func (d *dumper) stmts(l []ast.Stmt) {
	d.b = append(d.b, " ["...)
	for i, x := range l {
		if i > 0 {
			d.b = append(d.b, ' ')
		}
		d.node(x)
	}
	d.b = append(d.b, ']')
}

func (d *dumper) idents(l []*ast.Ident) {
	d.b = append(d.b, " ["...)
	for i, x := range l {
		if i > 0 {
			d.b = append(d.b, ' ')
		}
		d.node(x)
	}
	d.b = append(d.b, ']')
}

// isNil reports a nil node, including typed nil pointers in interfaces.
func isNil(n ast.Node) bool {
	switch x := n.(type) {
	case nil:
		return true
	case *ast.Ident:
		return x == nil
	case *ast.BasicLit:
		return x == nil
	case *ast.FieldList:
		return x == nil
	case *ast.BlockStmt:
		return x == nil
	case *ast.FuncType:
		return x == nil
	}
	return false
}

func (d *dumper) head(kind string, n ast.Node) {
	d.b = append(d.b, '(')
	d.b = append(d.b, kind...)
	d.pos(n.Pos())
	d.pos(n.End())
}

func (d *dumper) node(n ast.Node) {
	if isNil(n) {
		d.b = append(d.b, '_')
		return
	}
	switch x := n.(type) {
	case *ast.BadExpr:
		d.head("BadExpr", x)
	case *ast.Ident:
		d.head("Ident", x)
		d.b = append(d.b, ' ')
		d.b = append(d.b, x.Name...)
	case *ast.Ellipsis:
		d.head("Ellipsis", x)
		d.child(x.Elt)
	case *ast.BasicLit:
		d.head("BasicLit", x)
		d.tok(x.Kind)
		d.b = append(d.b, ' ')
		d.quoted(x.Value)
	case *ast.FuncLit:
		d.head("FuncLit", x)
		d.child(x.Type)
		d.child(x.Body)
	case *ast.CompositeLit:
		d.head("CompositeLit", x)
		d.pos(x.Lbrace)
		d.pos(x.Rbrace)
		d.child(x.Type)
		d.exprs(x.Elts)
	case *ast.ParenExpr:
		d.head("ParenExpr", x)
		d.child(x.X)
	case *ast.SelectorExpr:
		d.head("SelectorExpr", x)
		d.child(x.X)
		d.child(x.Sel)
	case *ast.IndexExpr:
		d.head("IndexExpr", x)
		d.pos(x.Lbrack)
		d.child(x.X)
		d.exprs([]ast.Expr{x.Index})
	case *ast.IndexListExpr:
		d.head("IndexExpr", x)
		d.pos(x.Lbrack)
		d.child(x.X)
		d.exprs(x.Indices)
	case *ast.SliceExpr:
		d.head("SliceExpr", x)
		d.pos(x.Lbrack)
		d.flag(x.Slice3)
		d.child(x.X)
		d.child(x.Low)
		d.child(x.High)
		d.child(x.Max)
	case *ast.TypeAssertExpr:
		d.head("TypeAssertExpr", x)
		d.pos(x.Lparen)
		d.child(x.X)
		d.child(x.Type)
	case *ast.CallExpr:
		d.head("CallExpr", x)
		d.pos(x.Lparen)
		d.pos(x.Ellipsis)
		d.child(x.Fun)
		d.exprs(x.Args)
	case *ast.StarExpr:
		d.head("StarExpr", x)
		d.child(x.X)
	case *ast.UnaryExpr:
		d.head("UnaryExpr", x)
		d.tok(x.Op)
		d.child(x.X)
	case *ast.BinaryExpr:
		d.head("BinaryExpr", x)
		d.tok(x.Op)
		d.pos(x.OpPos)
		d.child(x.X)
		d.child(x.Y)
	case *ast.KeyValueExpr:
		d.head("KeyValueExpr", x)
		d.pos(x.Colon)
		d.child(x.Key)
		d.child(x.Value)
	case *ast.ArrayType:
		d.head("ArrayType", x)
		d.child(x.Len)
		d.child(x.Elt)
	case *ast.StructType:
		d.head("StructType", x)
		d.child(x.Fields)
	case *ast.FuncType:
		d.head("FuncType", x)
		d.pos(x.Func)
		d.child(x.TypeParams)
		d.child(x.Params)
		d.child(x.Results)
	case *ast.InterfaceType:
		d.head("InterfaceType", x)
		d.child(x.Methods)
	case *ast.MapType:
		d.head("MapType", x)
		d.child(x.Key)
		d.child(x.Value)
	case *ast.ChanType:
		d.head("ChanType", x)
		d.b = append(d.b, ' ')
		d.b = appendInt(d.b, int(x.Dir))
		d.pos(x.Arrow)
		d.child(x.Value)
	case *ast.Field:
		d.head("Field", x)
		d.idents(x.Names)
		d.child(x.Type)
		d.child(x.Tag)
	case *ast.FieldList:
		d.head("FieldList", x)
		d.pos(x.Opening)
		d.pos(x.Closing)
		d.b = append(d.b, " ["...)
		for i, f := range x.List {
			if i > 0 {
				d.b = append(d.b, ' ')
			}
			d.node(f)
		}
		d.b = append(d.b, ']')
	case *ast.BadStmt:
		d.head("BadStmt", x)
	case *ast.DeclStmt:
		d.head("DeclStmt", x)
		d.child(x.Decl)
	case *ast.EmptyStmt:
		d.head("EmptyStmt", x)
		d.flag(x.Implicit)
	case *ast.LabeledStmt:
		d.head("LabeledStmt", x)
		d.pos(x.Colon)
		d.child(x.Label)
		d.child(x.Stmt)
	case *ast.ExprStmt:
		d.head("ExprStmt", x)
		d.child(x.X)
	case *ast.SendStmt:
		d.head("SendStmt", x)
		d.pos(x.Arrow)
		d.child(x.Chan)
		d.child(x.Value)
	case *ast.IncDecStmt:
		d.head("IncDecStmt", x)
		d.tok(x.Tok)
		d.child(x.X)
	case *ast.AssignStmt:
		d.head("AssignStmt", x)
		d.tok(x.Tok)
		d.pos(x.TokPos)
		d.exprs(x.Lhs)
		d.exprs(x.Rhs)
	case *ast.GoStmt:
		d.head("GoStmt", x)
		d.child(x.Call)
	case *ast.DeferStmt:
		d.head("DeferStmt", x)
		d.child(x.Call)
	case *ast.ReturnStmt:
		d.head("ReturnStmt", x)
		d.exprs(x.Results)
	case *ast.BranchStmt:
		d.head("BranchStmt", x)
		d.tok(x.Tok)
		d.child(x.Label)
	case *ast.BlockStmt:
		d.head("BlockStmt", x)
		d.stmts(x.List)
	case *ast.IfStmt:
		d.head("IfStmt", x)
		d.child(x.Init)
		d.child(x.Cond)
		d.child(x.Body)
		d.child(x.Else)
	case *ast.CaseClause:
		d.head("CaseClause", x)
		d.pos(x.Colon)
		d.exprs(x.List)
		d.stmts(x.Body)
	case *ast.SwitchStmt:
		d.head("SwitchStmt", x)
		d.child(x.Init)
		d.child(x.Tag)
		d.child(x.Body)
	case *ast.TypeSwitchStmt:
		d.head("TypeSwitchStmt", x)
		d.child(x.Init)
		d.child(x.Assign)
		d.child(x.Body)
	case *ast.CommClause:
		d.head("CommClause", x)
		d.pos(x.Colon)
		d.child(x.Comm)
		d.stmts(x.Body)
	case *ast.SelectStmt:
		d.head("SelectStmt", x)
		d.child(x.Body)
	case *ast.ForStmt:
		d.head("ForStmt", x)
		d.child(x.Init)
		d.child(x.Cond)
		d.child(x.Post)
		d.child(x.Body)
	case *ast.RangeStmt:
		d.head("RangeStmt", x)
		d.tok(x.Tok)
		d.pos(x.TokPos)
		d.child(x.Key)
		d.child(x.Value)
		d.child(x.X)
		d.child(x.Body)
	case *ast.ImportSpec:
		d.head("ImportSpec", x)
		d.child(x.Name)
		d.child(x.Path)
	case *ast.ValueSpec:
		d.head("ValueSpec", x)
		d.idents(x.Names)
		d.child(x.Type)
		d.exprs(x.Values)
	case *ast.TypeSpec:
		d.head("TypeSpec", x)
		d.pos(x.Assign)
		d.child(x.Name)
		d.child(x.TypeParams)
		d.child(x.Type)
	case *ast.BadDecl:
		d.head("BadDecl", x)
	case *ast.GenDecl:
		d.head("GenDecl", x)
		d.tok(x.Tok)
		d.pos(x.Lparen)
		d.pos(x.Rparen)
		d.b = append(d.b, " ["...)
		for i, s := range x.Specs {
			if i > 0 {
				d.b = append(d.b, ' ')
			}
			d.node(s)
		}
		d.b = append(d.b, ']')
	case *ast.FuncDecl:
		d.head("FuncDecl", x)
		d.child(x.Recv)
		d.child(x.Name)
		d.child(x.Type)
		d.child(x.Body)
	case *ast.File:
		d.head("File", x)
		d.child(x.Name)
		d.b = append(d.b, " ["...)
		for i, s := range x.Decls {
			if i > 0 {
				d.b = append(d.b, ' ')
			}
			d.node(s)
		}
		d.b = append(d.b, ']')
	default:
		panic(fmt.Sprintf("unexpected node %T", n))
	}
	d.b = append(d.b, ')')
}

// dumpFile returns the two dump lines of a file (tree, comments).
func dumpFile(fset *token.FileSet, f *ast.File) []byte {
	d := &dumper{base: fset.File(f.Package).Base()}
	d.node(f)
	d.b = append(d.b, "\n["...)
	first := true
	for _, g := range f.Comments {
		for _, c := range g.List {
			if !first {
				d.b = append(d.b, ' ')
			}
			first = false
			d.b = append(d.b, "(Comment"...)
			d.pos(c.Slash)
			d.b = append(d.b, ' ')
			d.quoted(c.Text)
			d.b = append(d.b, ')')
		}
	}
	d.b = append(d.b, "]\n"...)
	return d.b
}

func parseFile(path string) (*token.FileSet, *ast.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, mode)
	return fset, f, err
}

func firstError(err error) string {
	if l, ok := err.(scanner.ErrorList); ok && len(l) > 0 {
		return l[0].Error()
	}
	return err.Error()
}

// goFirstError is go/parser's first error as "LINE:COL: MSG".
func goFirstError(err error) string {
	if l, ok := err.(scanner.ErrorList); ok && len(l) > 0 {
		msg := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\x00", `\0`).Replace(l[0].Msg)
		return fmt.Sprintf("%d:%d: %s", l[0].Pos.Line, l[0].Pos.Column, termEscape(msg))
	}
	return err.Error()
}

// termEscape shows control bytes, C1 controls and invalid UTF-8 as \xNN,
// as drip's terminal output does (src/util/term.c).
func termEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && n <= 1
		if !bad && (r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f) {
			bad = true
		}
		if !bad {
			b.WriteString(s[i : i+n])
		} else {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "\\x%02x", c)
			}
		}
		i += n
	}
	return b.String()
}

func doDump(files []string) int {
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	rc := 0
	for _, path := range files {
		fset, f, err := parseFile(path)
		if err != nil {
			fmt.Fprintf(w, "# %s: error %s\n", path, goFirstError(err))
			fmt.Fprintln(os.Stderr, firstError(err))
			rc = 1
			continue
		}
		fmt.Fprintf(w, "# %s\n", path)
		w.Write(dumpFile(fset, f))
	}
	return rc
}

// firstDiff shows where two dumps part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := i - 120
	if lo < 0 {
		lo = 0
	}
	clip := func(s []byte) string {
		hi := i + 80
		if hi > len(s) {
			hi = len(s)
		}
		if lo > len(s) {
			return ""
		}
		return string(s[lo:hi])
	}
	return fmt.Sprintf("at byte %d\n      drip:   ...%s\n      go:     ...%s", i, clip(a), clip(b))
}

type result struct {
	path    string
	dripErr bool
	dripMsg string // drip's first error, "LINE:COL: MSG"
	drip    []byte
	goErr   error
	goDump  []byte
	ready   chan struct{}
}

func doCompare() int {
	r := bufio.NewReaderSize(os.Stdin, 1<<20)
	var files, same, differ, rejBoth, onlyGo, onlyDrip, msgDiffer int
	var shown int
	// go/parser runs in parallel while drip's dump is read and compared
	// in order; the channels bound the memory held.
	jobs := make(chan *result, 256)
	ordered := make(chan *result, 256)
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			for res := range jobs {
				fset, f, err := parseFile(res.path)
				if err != nil {
					res.goErr = err
				} else {
					res.goDump = dumpFile(fset, f)
				}
				close(res.ready)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(ordered)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) == 0 && err != nil {
				return
			}
			s := strings.TrimSuffix(string(line), "\n")
			if !strings.HasPrefix(s, "# ") {
				fmt.Fprintf(os.Stderr, "oracle: unexpected line in drip's dump: %.80q\n", s)
				os.Exit(2)
			}
			res := &result{path: s[2:], ready: make(chan struct{})}
			if i := strings.Index(res.path, ": error"); i >= 0 {
				res.dripMsg = strings.TrimPrefix(res.path[i+len(": error"):], " ")
				res.path = res.path[:i]
				res.dripErr = true
			}
			l1, _ := r.ReadBytes('\n')
			l2, _ := r.ReadBytes('\n')
			res.drip = append(l1, l2...)
			ordered <- res
			jobs <- res
		}
	}()
	for res := range ordered {
		<-res.ready
		files++
		goRej := res.goErr != nil
		switch {
		case goRej && res.dripErr:
			rejBoth++
			if g := goFirstError(res.goErr); res.dripMsg != "" && g != res.dripMsg {
				msgDiffer++
				if shown < 30 {
					shown++
					fmt.Printf("  first error differs: %s\n      drip:   %s\n      go:     %s\n", res.path, res.dripMsg, g)
				}
			}
		case goRej:
			onlyGo++
			fmt.Printf("  rejected only by go/parser: %s: %s\n", res.path, firstError(res.goErr))
		case res.dripErr:
			onlyDrip++
			fmt.Printf("  rejected only by drip: %s\n", res.path)
		case bytes.Equal(res.drip, res.goDump):
			same++
		default:
			differ++
			if shown < 30 {
				shown++
				fmt.Printf("  differs: %s %s\n", res.path, firstDiff(res.drip, res.goDump))
			}
		}
		res.drip, res.goDump = nil, nil
	}
	fmt.Printf("files %d identical %d differing %d rejected-by-both %d rejected-only-by-go %d rejected-only-by-drip %d first-error-differs %d\n",
		files, same, differ, rejBoth, onlyGo, onlyDrip, msgDiffer)
	if differ+onlyGo+onlyDrip+msgDiffer > 0 || files == 0 {
		return 1
	}
	return 0
}

func doParse(files []string, jobs int) int {
	start := time.Now()
	var bytesRead int64
	var failed int64
	var next int64 = -1
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := atomic.AddInt64(&next, 1)
				if i >= int64(len(files)) {
					return
				}
				src, err := os.ReadFile(files[i])
				if err != nil {
					atomic.AddInt64(&failed, 1)
					continue
				}
				atomic.AddInt64(&bytesRead, int64(len(src)))
				fset := token.NewFileSet()
				if _, err := parser.ParseFile(fset, files[i], src, mode); err != nil {
					atomic.AddInt64(&failed, 1)
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	fmt.Printf("files %d bytes %d rejected %d seconds %.3f MB/s %.1f\n",
		len(files), bytesRead, failed, el, float64(bytesRead)/1e6/el)
	return 0
}

func expand(args []string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "@") {
			data, err := os.ReadFile(a[1:])
			if err != nil {
				fmt.Fprintln(os.Stderr, "oracle:", err)
				os.Exit(2)
			}
			for _, l := range strings.Split(string(data), "\n") {
				if l != "" {
					out = append(out, l)
				}
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

func main() {
	dump := flag.Bool("dump", false, "print the dump of each file")
	compare := flag.Bool("compare", false, "compare with drip's dump read from stdin")
	parseOnly := flag.Bool("parse", false, "parse only and print the throughput")
	jobs := flag.Int("j", 1, "parallel parsers with -parse")
	flag.Parse()
	switch {
	case *dump:
		os.Exit(doDump(expand(flag.Args())))
	case *compare:
		os.Exit(doCompare())
	case *parseOnly:
		os.Exit(doParse(expand(flag.Args()), *jobs))
	}
	flag.Usage()
	os.Exit(2)
}
