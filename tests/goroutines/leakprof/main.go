// leakprof runs Go's goroutine leak profile tests (built by
// tests/t_goroutines_leakprofile.sh) the way runtime's
// goroutineleakprofile_test.go runs them, feeds what each run leaves to
// drip goroutines and checks drip's suspects against the leaks the test
// file expects. It prints PASS/FAIL/SKIP lines for tests/run.sh and the
// suite's counts.
//
// For each test case it reads from the test file the expected leaks
// (regexps over "function(args) [wait reason]", the function being the
// goroutine's entry, the frame above "created by"), whether the case is
// "simple" (run with GOMAXPROCS=1) and whether its leaks are flaky.
// Each case runs three times, as in short mode. A leak counts as expected
// when the case lists it and Go's own profile reported it in some run;
// drip finds it when, in every run where Go reported it, one of drip's top
// suspects in each input form matches it. A false suspect is a site drip
// blames in a micro, stress or pattern test (programs that leak exactly
// the listed goroutines) that matches none of the case's leaks. The GoKer
// kernels are real bugs where more goroutines may hang than Go's detector
// can prove; drip's extra suspects there are counted, not failed.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	repetitions = 3  // makeTest's 2|1, and makeFlakyTest's in short mode
	topSuspects = 20 // drip's default --top
)

type testCase struct {
	name     string
	goker    bool // in gokerTestCases: runs the goker program
	simple   bool // makeTest: GOMAXPROCS=1
	flaky    bool // makeFlakyTest: its leaks may or may not show
	leaks    []*regexp.Regexp
	designed bool // micro, stress and pattern tests: nothing else leaks
}

// form is one input drip reads for every run.
type form struct {
	name    string // as given in -forms
	file    string // in the run's folder
	reasons bool   // carries wait reasons
	probe   bool   // checked only if drip reads it (probed first)
	unmark  bool   // Go's " (leaked)" marks are taken out before drip reads it
}

var allForms = []form{
	{"debug2", "stdout.txt", true, false, false},
	// the full dump right after Go's leak detector ran, without its marks:
	// the same state, judged by drip alone
	{"full", "full.txt", true, false, true},
	{"debug1", "leak.debug1", false, true, false},
	{"proto", "leak.debug0", false, true, false},
}

var (
	dripPath = flag.String("drip", "drip", "drip binary")
	testFile = flag.String("test", "", "goroutineleakprofile_test.go")
	mainExe  = flag.String("main", "", "testgoroutineleakprofile program")
	gokerExe = flag.String("goker", "", "testgoroutineleakprofile/goker program")
	outDir   = flag.String("out", "", "folder for the runs' output")
	formList = flag.String("forms", "debug2 full", "inputs to check")
	goexp    = flag.String("experiment", "", "GOEXPERIMENT for the runs (Go 1.26)")
	jobs     = flag.Int("j", 2, "runs at a time")
	only     = flag.String("run", "", "only the cases whose name matches this regexp")
	causes   = flag.String("causes", "", "score drip's causes of the GoKer leaks against this file instead")
	reps     = flag.Int("reps", repetitions, "runs of each case")
	expect   = flag.String("expect", "", "score drip's causes of the other programs' leaks against this file instead")
)

const name = "goroutines-leakprofile"

func main() {
	flag.Parse()
	cases, err := readCases(*testFile)
	if err != nil {
		fmt.Printf("FAIL %s/test-file: %v\n", name, err)
		return
	}
	if *only != "" {
		re := regexp.MustCompile(*only)
		var kept []testCase
		for _, c := range cases {
			if re.MatchString(c.name) {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	if *causes != "" {
		var kept []testCase
		for _, c := range cases {
			if c.goker {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	if *expect != "" {
		var kept []testCase
		for _, c := range cases {
			if !c.goker {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	forms := pickForms(*formList)
	start := time.Now()
	runs := runAll(cases)
	ran := time.Since(start)
	forms = probeForms(forms, runs)
	start = time.Now()
	reports := readAll(runs, forms)
	fmt.Printf("ran %d programs in %.1fs, drip read %d inputs in %.1fs\n",
		len(runs), ran.Seconds(), len(reports), time.Since(start).Seconds())
	if *causes != "" {
		evaluateCauses(cases, runs, reports, *causes)
		return
	}
	if *expect != "" {
		evaluateExpectations(cases, runs, reports, *expect)
		return
	}
	evaluate(cases, runs, forms, reports)
}

func pickForms(list string) []form {
	var out []form
	for _, w := range strings.Fields(list) {
		found := false
		for _, f := range allForms {
			if f.name == w {
				out = append(out, f)
				found = true
			}
		}
		if !found {
			fmt.Printf("FAIL %s/forms: unknown form %q\n", name, w)
		}
	}
	return out
}

// --- the test file ---

// readCases reads the test cases of goroutineleakprofile_test.go: every
// call of makeTest or makeFlakyTest, and the slice it is listed in.
func readCases(path string) ([]testCase, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(src, []byte(`runTests("testgoroutineleakprofile/goker", gokerTestCases)`)) {
		return nil, fmt.Errorf("%s: no runTests of gokerTestCases: the test changed", path)
	}
	var cases []testCase
	var bad error
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		lit, ok2 := as.Rhs[0].(*ast.CompositeLit)
		if !ok || !ok2 {
			return true
		}
		for _, e := range lit.Elts {
			call, ok := e.(*ast.CallExpr)
			if !ok {
				continue
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || (fn.Name != "makeTest" && fn.Name != "makeFlakyTest") || len(call.Args) == 0 {
				continue
			}
			var strs []string
			for _, a := range call.Args {
				bl, ok := a.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					bad = fmt.Errorf("%s: argument of %s is not a string literal", fset.Position(a.Pos()), fn.Name)
					return false
				}
				s, err := strconv.Unquote(bl.Value)
				if err != nil {
					bad = err
					return false
				}
				strs = append(strs, s)
			}
			c := testCase{name: strs[0], goker: id.Name == "gokerTestCases", simple: fn.Name == "makeTest",
				flaky: fn.Name == "makeFlakyTest"}
			c.designed = !c.goker
			for _, s := range strs[1:] {
				re, err := regexp.Compile(s)
				if err != nil {
					bad = fmt.Errorf("%s: %v", c.name, err)
					return false
				}
				c.leaks = append(c.leaks, re)
			}
			cases = append(cases, c)
		}
		return false
	})
	if bad != nil {
		return nil, bad
	}
	if len(cases) < 20 {
		return nil, fmt.Errorf("%s: only %d test cases found", path, len(cases))
	}
	return cases, nil
}

// --- running the programs ---

type run struct {
	c    *testCase
	rep  int
	dir  string
	err  error // failed or timed out
	goOK bool  // produced a leak profile
	// leaks Go's profile reported, as its test extracts them
	goLeaks []string
}

// runAll runs every case repetitions times, -j at a time.
func runAll(cases []testCase) []*run {
	var runs []*run
	for i := range cases {
		for r := 0; r < *reps; r++ {
			runs = append(runs, &run{c: &cases[i], rep: r,
				dir: filepath.Join(*outDir, cases[i].name, strconv.Itoa(r))})
		}
	}
	parallel(len(runs), func(i int) { runOne(runs[i]) })
	return runs
}

func parallel(n int, f func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// cleanEnv drops the variables that testenv.CleanCmdEnv drops and that
// change how a Go program runs.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k := kv[:strings.IndexByte(kv+"=", '=')]
		switch k {
		case "GODEBUG", "GOTRACEBACK", "GOMAXPROCS", "GOGC", "GOMEMLIMIT", "GOEXPERIMENT":
			continue
		}
		env = append(env, kv)
	}
	return env
}

func runOne(r *run) {
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		r.err = err
		return
	}
	exe := *mainExe
	if r.c.goker {
		exe = *gokerExe
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, r.c.name)
	cmd.Env = append(cleanEnv(), "GODEBUG=asyncpreemptoff=1", "RUNTIME_TEST_SHORT=1",
		"DRIP_LEAKPROF_DIR="+r.dir, "DRIP_LEAKPROF_DEBUG=1 0")
	if *goexp != "" {
		cmd.Env = append(cmd.Env, "GOEXPERIMENT="+*goexp)
	}
	if r.c.simple {
		cmd.Env = append(cmd.Env, "GOMAXPROCS=1")
	}
	out, err := cmd.CombinedOutput()
	os.WriteFile(filepath.Join(r.dir, "stdout.txt"), out, 0o644)
	if err != nil {
		r.err = fmt.Errorf("%v: %s", err, tail(out))
		return
	}
	r.goOK = len(out) > 0
	r.goLeaks = extractLeaks(string(out))
}

func tail(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 3 {
		lines = lines[len(lines)-3:]
	}
	return strings.Join(lines, " | ")
}

var headerRE = regexp.MustCompile(`^goroutine \d+ `)

// extractLeaks reads Go's verdict from a debug=2 leak profile as the test
// file does: for each goroutine whose header says "(leaked)", the frame
// two lines above "created by" (the entry function, without "main.") and
// the header's bracket without " (leaked)".
func extractLeaks(out string) []string {
	var leaks []string
	for _, rec := range strings.Split(out, "\n\ngoroutine") {
		lines := strings.Split(rec, "\n")
		if len(lines) < 5 || !strings.Contains(lines[0], "(leaked)") {
			continue
		}
		h := lines[0]
		if !strings.HasPrefix(h, "goroutine") {
			h = "goroutine" + h
		}
		reason := strings.ReplaceAll(headerRE.ReplaceAllString(h, ""), " (leaked)", "")
		for i := len(lines) - 1; i >= 2; i-- {
			if strings.Contains(lines[i], "created by") {
				leaks = append(leaks, strings.TrimPrefix(lines[i-2], "main.")+" "+reason)
				break
			}
		}
	}
	return leaks
}

// --- drip's reports ---

type jsonFrame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line int    `json:"line"`
}

type jsonCause struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Rule  string `json:"rule"`
	Sites []struct {
		Role string `json:"role"`
		Func string `json:"func"`
		File string `json:"file"`
		Line int    `json:"line"`
	} `json:"sites"`
}

type jsonSite struct {
	Cause    *jsonCause `json:"cause"`
	Category string     `json:"category"`
	Frame    jsonFrame  `json:"frame"`
	Stacks   []struct {
		WaitReason string      `json:"wait_reason"`
		Frames     []jsonFrame `json:"frames"`
	} `json:"stacks"`
}

type report struct {
	err      error
	empty    bool // the input holds no goroutine (a leak profile of total 0)
	suspects []jsonSite
}

// drip runs drip goroutines --format json on path.
func drip(path string) report {
	cmd := exec.Command(*dripPath, "goroutines", "--format", "json", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil // suspects found
	}
	if err != nil {
		if data, _ := os.ReadFile(path); regexp.MustCompile(`(?m)^goroutineleak profile: total 0$`).Match(data) {
			return report{empty: true}
		}
		return report{err: fmt.Errorf("drip goroutines %s: %v: %s", path, err, tail(stderr.Bytes()))}
	}
	var r struct {
		Snapshots []struct {
			Suspects []jsonSite `json:"suspects"`
		} `json:"snapshots"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil || len(r.Snapshots) != 1 {
		return report{err: fmt.Errorf("drip goroutines %s: bad JSON: %v", path, err)}
	}
	return report{suspects: r.Snapshots[0].Suspects}
}

var leakedMark = regexp.MustCompile(`(?m)^(goroutine \d+ \[[^\]\n]*) \(leaked\)`)

// unmark writes path without the " (leaked)" of goroutine headers to
// path.unmarked and returns that name (path itself when it cannot).
func unmark(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return path
	}
	out := path + ".unmarked"
	if os.WriteFile(out, leakedMark.ReplaceAll(data, []byte("$1")), 0o644) != nil {
		return path
	}
	return out
}

// probeForms keeps the optional forms that drip reads: it must read the
// NilRecv leak profile in that form (one leaked goroutine).
func probeForms(forms []form, runs []*run) []form {
	var kept []form
	for _, f := range forms {
		if !f.probe {
			kept = append(kept, f)
			continue
		}
		var probe string
		for _, r := range runs {
			if r.c.name == "NilRecv" && r.err == nil {
				probe = filepath.Join(r.dir, f.file)
				break
			}
		}
		if probe == "" {
			fmt.Printf("SKIP %s/%s: no NilRecv run to probe with\n", name, f.name)
			continue
		}
		if rep := drip(probe); rep.err != nil || rep.empty {
			fmt.Printf("SKIP %s/%s: drip does not read %s goroutineleak profiles yet\n", name, f.name, f.name)
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

type reportKey struct {
	r *run
	f string
}

func readAll(runs []*run, forms []form) map[reportKey]report {
	type job struct {
		r *run
		f form
	}
	var todo []job
	for _, r := range runs {
		if r.err != nil {
			continue
		}
		for _, f := range forms {
			todo = append(todo, job{r, f})
		}
	}
	out := make(map[reportKey]report)
	var mu sync.Mutex
	parallel(len(todo), func(i int) {
		path := filepath.Join(todo[i].r.dir, todo[i].f.file)
		if todo[i].f.unmark {
			path = unmark(path)
		}
		rep := drip(path)
		mu.Lock()
		out[reportKey{todo[i].r, todo[i].f.name}] = rep
		mu.Unlock()
	})
	return out
}

// reasons drip's categories stand for, as Go's headers print them
var categoryReason = map[string]string{
	"chan_send": "chan send", "chan_receive": "chan receive",
	"nil_chan_send": "chan send (nil chan)", "nil_chan_receive": "chan receive (nil chan)",
	"select": "select", "select_no_cases": "select (no cases)",
	"mutex": "sync.Mutex.Lock", "rwmutex_read": "sync.RWMutex.RLock", "rwmutex_write": "sync.RWMutex.Lock",
	"cond_wait": "sync.Cond.Wait", "waitgroup": "sync.WaitGroup.Wait", "semacquire": "semacquire",
}

// leakStrings gives, for each stack of a suspect site, the strings Go's
// test would build for it: the entry function (without "main.") with
// "(...)" and drip's category as a wait reason, so the category is
// checked too. An RWMutex write lock may print either reason; forms
// without wait reasons cannot tell a nil channel: both spellings are given.
func leakStrings(s jsonSite, reasons bool) []string {
	reason, ok := categoryReason[s.Category]
	if !ok {
		reason = s.Category
	}
	var out []string
	for _, st := range s.Stacks {
		entry := "?"
		for i := len(st.Frames) - 1; i >= 0; i-- {
			if st.Frames[i].Func != "runtime.goexit" {
				entry = strings.TrimPrefix(st.Frames[i].Func, "main.")
				break
			}
		}
		out = append(out, entry+"(...) ["+reason+"]")
		// RWMutex.Lock parks on its inner Mutex behind another writer
		if s.Category == "rwmutex_write" {
			out = append(out, entry+"(...) [sync.Mutex.Lock]")
		}
		if !reasons && (s.Category == "chan_send" || s.Category == "chan_receive") {
			out = append(out, entry+"(...) ["+reason+" (nil chan)]")
		}
	}
	return out
}

func anyMatch(re *regexp.Regexp, strs []string) bool {
	for _, s := range strs {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// --- verdict ---

func evaluate(cases []testCase, runs []*run, forms []form, reports map[reportKey]report) {
	byCase := map[string][]*run{}
	for _, r := range runs {
		byCase[r.c.name] = append(byCase[r.c.name], r)
	}
	expected, found := 0, 0
	foundIn := map[string]int{}
	falseSites := map[string]bool{}
	gokerExtra := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		var problems []string
		crs := byCase[c.name]
		for _, r := range crs {
			if r.err != nil {
				problems = append(problems, fmt.Sprintf("run %d: %v", r.rep, r.err))
			} else if !r.goOK {
				problems = append(problems, fmt.Sprintf("run %d: no leak profile written", r.rep))
			}
			for _, f := range forms {
				if rep, ok := reports[reportKey{r, f.name}]; ok && rep.err != nil {
					problems = append(problems, rep.err.Error())
				}
			}
		}
		for _, re := range c.leaks {
			goSaw := false
			missed := map[string]bool{}
			for _, r := range crs {
				if r.err != nil || !anyMatch(re, r.goLeaks) {
					continue
				}
				goSaw = true
				for _, f := range forms {
					rep := reports[reportKey{r, f.name}]
					hit := false
					for k, s := range rep.suspects {
						if k < topSuspects && anyMatch(re, leakStrings(s, f.reasons)) {
							hit = true
						}
					}
					if !hit {
						missed[f.name] = true
					}
				}
			}
			if !goSaw {
				if !c.flaky {
					fmt.Printf("note: %s: Go's profile did not report %s in %d runs\n", c.name, re, len(crs))
				}
				continue
			}
			expected++
			for _, f := range forms {
				if !missed[f.name] {
					foundIn[f.name]++
				}
			}
			if len(missed) == 0 {
				found++
			} else {
				problems = append(problems, fmt.Sprintf("expected leak %s not among drip's top %d suspects in %s",
					re, topSuspects, strings.Join(sortedKeys(missed), ", ")))
			}
		}
		// every site drip blames must be one of the case's leaks
		for _, r := range crs {
			for _, f := range forms {
				for _, s := range reports[reportKey{r, f.name}].suspects {
					strs := leakStrings(s, f.reasons)
					ok := false
					for _, re := range c.leaks {
						ok = ok || anyMatch(re, strs)
					}
					if ok {
						continue
					}
					key := fmt.Sprintf("%s: %s:%d %s (%s)", c.name, filepath.Base(s.Frame.File), s.Frame.Line,
						s.Category, strs[0])
					if !c.designed {
						gokerExtra[key] = true
					} else if !falseSites[key] {
						falseSites[key] = true
						problems = append(problems, fmt.Sprintf("false suspect in %s: %s", f.name, key))
					}
				}
			}
		}
		if len(problems) == 0 {
			fmt.Printf("PASS %s/%s\n", name, c.name)
		} else {
			fmt.Printf("FAIL %s/%s: %s\n", name, c.name, strings.Join(problems, "; "))
		}
	}
	for _, f := range forms {
		fmt.Printf("  %s: expected leaks found %d of %d\n", f.name, foundIn[f.name], expected)
	}
	fmt.Printf("  GoKer kernels: %d more sites blamed than Go's detector proves (not counted)\n", len(gokerExtra))
	if os.Getenv("DRIP_LEAKPROF_VERBOSE") != "" {
		for _, k := range sortedKeys(gokerExtra) {
			fmt.Printf("    %s\n", k)
		}
	}
	fmt.Printf("leak-profile suite: expected leaks found %d of %d; false suspects in leak-free tests: %d\n",
		found, expected, len(falseSites))
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
