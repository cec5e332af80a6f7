// jsoncheck reads a drip goroutines --format json report on stdin, checks
// it against the documented schema (docs/goroutines.md) and prints one line
// per suspect of the newest snapshot ("suspect FILE:LINE COUNT LEAK") and
// per trend ("trend FILE:LINE GROWTH STEADY COUNTS"). Exits 1 on a schema
// violation.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type frame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line *int   `json:"line"`
}

type stack struct {
	Count      *int64   `json:"count"`
	WaitReason *string  `json:"wait_reason"`
	IDs        []uint64 `json:"ids"`
	Frames     []frame  `json:"frames"`
	CreatedBy  *frame   `json:"created_by"`
}

type site struct {
	Category  string  `json:"category"`
	Leak      *string `json:"leak"`
	LeakTitle *string `json:"leak_title"`
	Fix       *string `json:"fix"`
	Count     int64   `json:"count"`
	Wait      *struct {
		Min int64 `json:"min"`
		Max int64 `json:"max"`
	} `json:"wait_minutes"`
	Frame     *frame  `json:"frame"`
	CreatedBy *frame  `json:"created_by"`
	UserFrame *bool   `json:"user_frame"`
	Stacks    []stack `json:"stacks"`
}

type snapshot struct {
	Path       *string `json:"path"`
	Format     string  `json:"format"`
	Goroutines *int64  `json:"goroutines"`
	Stacks     *int64  `json:"stacks"`
	Errors     *int64  `json:"errors"`
	Suspects   []site  `json:"suspects"`
	Idle       []site  `json:"idle"`
	Other      []site  `json:"other"`
}

type trend struct {
	Category string  `json:"category"`
	Suspect  bool    `json:"suspect"`
	Growth   int64   `json:"growth"`
	Steady   bool    `json:"steady"`
	Counts   []int64 `json:"counts"`
	Frame    *frame  `json:"frame"`
}

type report struct {
	Version   *int       `json:"version"`
	Snapshots []snapshot `json:"snapshots"`
	Trends    []trend    `json:"trends"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "jsoncheck: "+format+"\n", args...)
	os.Exit(1)
}

func checkSite(where string, s site) {
	if s.Frame == nil || s.Frame.Line == nil || s.Category == "" || s.Leak == nil || s.Fix == nil || s.UserFrame == nil {
		fail("%s: site lacks category, leak, fix, user_frame or frame", where)
	}
	if len(s.Stacks) == 0 {
		fail("%s: site without stacks", where)
	}
	var sum int64
	for _, st := range s.Stacks {
		if st.Count == nil || st.WaitReason == nil || st.IDs == nil || st.Frames == nil {
			fail("%s: stack lacks count, wait_reason, ids or frames", where)
		}
		sum += *st.Count
	}
	if sum != s.Count {
		fail("%s: site count %d is not the sum of its stacks (%d)", where, s.Count, sum)
	}
}

func main() {
	var r report
	dec := json.NewDecoder(os.Stdin)
	if err := dec.Decode(&r); err != nil {
		fail("not valid JSON: %v", err)
	}
	if r.Version == nil || *r.Version != 1 {
		fail("version missing or not 1")
	}
	if len(r.Snapshots) == 0 {
		fail("no snapshots")
	}
	for i, s := range r.Snapshots {
		if s.Path == nil || s.Goroutines == nil || s.Stacks == nil || s.Errors == nil {
			fail("snapshot %d lacks path, goroutines, stacks or errors", i)
		}
		var total int64
		for _, list := range [][]site{s.Suspects, s.Idle, s.Other} {
			for _, st := range list {
				checkSite(fmt.Sprintf("snapshot %d", i), st)
				total += st.Count
			}
		}
		if total != *s.Goroutines {
			fail("snapshot %d: sites hold %d goroutines, snapshot says %d", i, total, *s.Goroutines)
		}
	}
	last := r.Snapshots[len(r.Snapshots)-1]
	for _, s := range last.Suspects {
		fmt.Printf("suspect %s:%d %d %s\n", s.Frame.File, *s.Frame.Line, s.Count, *s.Leak)
	}
	for _, t := range r.Trends {
		if t.Frame == nil || len(t.Counts) != len(r.Snapshots) {
			fail("trend without frame or with %d counts for %d snapshots", len(t.Counts), len(r.Snapshots))
		}
		fmt.Printf("trend %s:%d %+d %v %v\n", t.Frame.File, *t.Frame.Line, t.Growth, t.Steady, t.Counts)
	}
}
