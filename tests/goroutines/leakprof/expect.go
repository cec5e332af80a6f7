// expect.go - with -expect FILE, scores the causes drip goroutines gives
// for the leaks of Go's leak-profile test programs other than the GoKer
// kernels against FILE (causes-programs.tsv): per leak, the cause kind,
// the sites it must name and words its text must hold.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type expectation struct {
	line               int
	cas, entry, reason string
	kind               string
	sites              []string // base:line
	text               string
	re                 *regexp.Regexp // the leak string Go's test would print
}

func readExpectations(path string) ([]expectation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []expectation
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w := strings.Split(line, "\t")
		if len(w) != 6 {
			return nil, fmt.Errorf("%s:%d: want 6 tab-separated columns, have %d", path, n, len(w))
		}
		e := expectation{line: n, cas: w[0], entry: w[1], reason: w[2], kind: w[3], text: w[5]}
		if w[4] != "-" {
			e.sites = strings.Split(w[4], ",")
		}
		if e.text == "-" {
			e.text = ""
		}
		e.re = regexp.MustCompile("^" + regexp.QuoteMeta(e.entry) + `\(.*\) \[` + regexp.QuoteMeta(e.reason) + `\]`)
		out = append(out, e)
	}
	return out, sc.Err()
}

// causeMatches says what is wrong with cause c for e, or "".
func causeMatches(c *jsonCause, e *expectation) string {
	if c == nil {
		return "no cause"
	}
	var problems []string
	if c.Kind != e.kind {
		problems = append(problems, fmt.Sprintf("kind %s, want %s", c.Kind, e.kind))
	}
	for _, want := range e.sites {
		found := false
		for _, s := range c.Sites {
			found = found || fmt.Sprintf("%s:%d", filepath.Base(s.File), s.Line) == want
		}
		if !found {
			problems = append(problems, "no site "+want)
		}
	}
	if e.text != "" && !strings.Contains(c.Text, e.text) {
		problems = append(problems, fmt.Sprintf("text lacks %q", e.text))
	}
	if len(problems) == 0 {
		return ""
	}
	return strings.Join(problems, ", ") + " (drip: [" + c.Kind + "] " + c.Text + ")"
}

const ename = "goroutines-leakprof-causes"

func evaluateExpectations(cases []testCase, runs []*run, reports map[reportKey]report, path string) {
	exps, err := readExpectations(path)
	if err != nil {
		fmt.Printf("FAIL %s/expectations: %v\n", ename, err)
		return
	}
	byCase := map[string][]*run{}
	for _, r := range runs {
		byCase[r.c.name] = append(byCase[r.c.name], r)
	}
	// every leak the test file expects has its expectation, and the
	// other way round
	known := map[string]*testCase{}
	for i := range cases {
		c := &cases[i]
		known[c.name] = c
		for _, re := range c.leaks {
			covered := false
			for k := range exps {
				e := &exps[k]
				covered = covered || (e.cas == c.name && re.MatchString(e.entry+"(...) ["+e.reason+"]"))
			}
			if !covered {
				fmt.Printf("FAIL %s/%s: no expectation in %s for %s\n", ename, c.name, filepath.Base(path), re)
			}
		}
	}
	right, total := 0, 0
	for k := range exps {
		e := &exps[k]
		c := known[e.cas]
		id := fmt.Sprintf("%s/%s", e.cas, e.entry)
		if c == nil {
			fmt.Printf("FAIL %s/%s: %s:%d names no test case\n", ename, id, filepath.Base(path), e.line)
			continue
		}
		shows, problem := false, ""
		for _, r := range byCase[c.name] {
			rep, have := reports[reportKey{r, "full"}]
			if r.err != nil || !have || rep.err != nil || !anyMatch(e.re, r.goLeaks) {
				continue
			}
			shows = true
			var cause *jsonCause
			found := false
			for _, s := range rep.suspects {
				if anyMatch(e.re, leakStrings(s, true)) {
					cause, found = s.Cause, true
					break
				}
			}
			if !found {
				problem = fmt.Sprintf("run %d: no suspect for the leak", r.rep)
			} else if p := causeMatches(cause, e); p != "" {
				problem = fmt.Sprintf("run %d: %s", r.rep, p)
			}
			if problem != "" {
				break
			}
		}
		if !shows {
			if c.flaky {
				fmt.Printf("SKIP %s/%s: Go's profile did not report it in %d runs\n", ename, id, len(byCase[c.name]))
			} else {
				fmt.Printf("FAIL %s/%s: Go's profile did not report it in %d runs\n", ename, id, len(byCase[c.name]))
			}
			continue
		}
		total++
		if problem == "" {
			right++
			fmt.Printf("PASS %s/%s\n", ename, id)
		} else {
			fmt.Printf("FAIL %s/%s: %s\n", ename, id, problem)
		}
	}
	fmt.Printf("leak-profile programs: %d of %d leaks with the right cause\n", right, total)
}
