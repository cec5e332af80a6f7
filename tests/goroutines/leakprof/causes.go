// causes.go - with -causes FILE, scores the causes drip goroutines gives
// for the GoKer kernels' leaks (the "cause" of each suspect site in its
// JSON report) instead of the sites alone.
//
// FILE lists, per kernel, the cause kind the bug must show on one of its
// leaks ("lock-cycle" for an AB-BA deadlock, "recursive-rlock" for a read
// lock taken twice behind a writer), or "-" when the wait reason alone
// tells what a right cause is. For every leak Go's profile reported in a
// run, drip's suspect for that goroutine (the entry and wait reason, as
// the site scoring matches them) must carry a cause of the right class:
// for a channel wait or select the partner sites (or that there is no
// partner, or a nil channel), for a lock the holder, cycle or the paths
// leaving it locked, for a WaitGroup the Done sites, for a Cond the
// signallers, each naming a site. A kernel counts when, in some run where
// the bug manifests, all of its reported leaks are explained so and the
// kind FILE asks for is among them.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var causeClass = map[string][]string{
	"chan": {"partner", "no-partner", "nil-chan", "select", "ticker"},
	"lock": {"holder", "lock-cycle", "recursive-rlock", "double-lock", "lock-leaked"},
	"wg":   {"no-done"},
	"cond": {"no-signal"},
}

func reasonClass(leak string) string {
	switch {
	case strings.Contains(leak, "Mutex"):
		return "lock"
	case strings.Contains(leak, "WaitGroup"):
		return "wg"
	case strings.Contains(leak, "Cond"):
		return "cond"
	}
	return "chan"
}

func readCauseFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w := strings.Fields(line)
		if len(w) < 2 {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		out[w[0]] = w[1]
	}
	return out, sc.Err()
}

// causeOK: the cause fits the class of the leak and names a site (or says
// there is no partner at all, or a nil channel).
func causeOK(c *jsonCause, class string) bool {
	if c == nil {
		return false
	}
	fits := false
	for _, k := range causeClass[class] {
		fits = fits || k == c.Kind
	}
	if class == "chan" && c.Kind == "select" {
		return strings.Contains(c.Text, "`") && (len(c.Sites) > 0 || strings.Contains(c.Text, "no partner"))
	}
	// "nothing in the package does X" is a cause too, without a site
	none := strings.HasPrefix(c.Text, "Nothing in the package")
	return fits && (len(c.Sites) > 0 || c.Kind == "nil-chan" || none)
}

const cname = "goroutines-cause"

func evaluateCauses(cases []testCase, runs []*run, reports map[reportKey]report, path string) {
	want, err := readCauseFile(path)
	if err != nil {
		fmt.Printf("FAIL %s/causes: %v\n", cname, err)
		return
	}
	byCase := map[string][]*run{}
	for _, r := range runs {
		byCase[r.c.name] = append(byCase[r.c.name], r)
	}
	manifest, right := 0, 0
	var wrong []string
	for i := range cases {
		c := &cases[i]
		if !c.goker {
			continue
		}
		kind, listed := want[c.name]
		if !listed {
			fmt.Printf("FAIL %s/causes/%s: not in %s\n", cname, c.name, filepath.Base(path))
			continue
		}
		shows, ok := false, false
		var seen []string
		for _, r := range byCase[c.name] {
			rep, have := reports[reportKey{r, "full"}]
			if !have || rep.err != nil || len(r.goLeaks) == 0 {
				continue
			}
			runOK, kindSeen, any := true, kind == "-", false
			for _, re := range c.leaks {
				if !anyMatch(re, r.goLeaks) {
					continue
				}
				any = true
				var cause *jsonCause
				for _, s := range rep.suspects {
					if anyMatch(re, leakStrings(s, true)) {
						cause = s.Cause
						break
					}
				}
				class := reasonClass(re.String())
				if cause != nil {
					seen = append(seen, cause.Kind)
					for _, k := range strings.Split(kind, "|") {
						kindSeen = kindSeen || cause.Kind == k
					}
				} else {
					seen = append(seen, "none")
				}
				runOK = runOK && causeOK(cause, class)
			}
			if !any {
				continue
			}
			shows = true
			if runOK && kindSeen {
				ok = true
				break
			}
		}
		if !shows {
			fmt.Printf("cause %-16s not manifested\n", c.name)
			continue
		}
		manifest++
		if ok {
			right++
			fmt.Printf("cause %-16s right\n", c.name)
		} else {
			sort.Strings(seen)
			wrong = append(wrong, c.name)
			fmt.Printf("cause %-16s wrong: want %s, drip said %s\n", c.name, kind, strings.Join(uniq(seen), ","))
		}
	}
	fmt.Printf("GoKer causes stated right: %d of %d kernels where the bug manifests\n", right, manifest)
	min := 55
	if v := os.Getenv("DRIP_CAUSE_MIN"); v != "" {
		fmt.Sscan(v, &min)
	}
	if right >= min {
		fmt.Printf("PASS %s/causes: %d of %d kernels\n", cname, right, manifest)
	} else {
		fmt.Printf("FAIL %s/causes: %d of %d kernels (want at least %d); wrong: %s\n", cname, right, manifest, min,
			strings.Join(wrong, " "))
	}
	_ = regexp.MustCompile
}

func uniq(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
