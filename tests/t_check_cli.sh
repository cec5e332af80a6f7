# t_check_cli.sh - drip check and drip explain as a user meets them:
# flags, formats, exit status, suppressions, build constraints.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/m/sub" "$TMP/m/vendor/v" "$TMP/m/testdata"
cat >"$TMP/m/go.mod" <<'EOF2'
module example.com/m

go 1.19
EOF2
cat >"$TMP/m/leak.go" <<'EOF2'
package m

import (
	"os"
	"time"
)

func Files(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

func Ignored(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //drip:ignore defer-in-loop few files, closed on return
	}
}

func Above(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		//drip:ignore defer-in-loop bounded
		defer f.Close()
	}
}

func Nolint(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:drip
	}
}

func NolintRule(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:drip/defer-in-loop // bounded
	}
}

func NolintOtherRule(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:drip/ticker-leak
	}
}

func Stale() {
	//drip:ignore ticker-leak nothing here any more
	_ = time.Second
}

var s = "//nolint:drip"
EOF2
cat >"$TMP/m/sub/sub.go" <<'EOF2'
package sub

type Buf [1 << 12]byte

func Take(b Buf) byte { return b[0] }
EOF2
cat >"$TMP/m/sub/sub_windows.go" <<'EOF2'
package sub

import "time"

func Win() { _ = time.Tick(time.Second) }
EOF2
cat >"$TMP/m/sub/sub_test.go" <<'EOF2'
package sub

import "context"

func helper(ctx context.Context) context.Context {
	c, cancel := context.WithCancel(ctx)
	c, cancel = context.WithCancel(c)
	defer cancel()
	return c
}
EOF2
printf 'package v\n\nfunc V() { var ch chan int; ch <- 1 }\n' >"$TMP/m/vendor/v/v.go"
printf 'package t\n\nfunc T() { var ch chan int; ch <- 1 }\n' >"$TMP/m/testdata/t.go"

cd "$TMP/m" || exit 1

out=$("$DRIP" check ./... 2>"$TMP/err"); rc=$?
[ "$rc" = 1 ] && pass "check-cli/exit-1-on-findings" || fail "check-cli/exit-1-on-findings" "rc=$rc"
echo "$out" | grep -q '^leak.go:11:3: defer inside a loop runs only when the function returns.* (defer-in-loop)$' &&
    pass "check-cli/vet-style-line" || fail "check-cli/vet-style-line" "$out"
n=$(echo "$out" | grep -c 'defer-in-loop')
[ "$n" = 2 ] && pass "check-cli/suppressions" || fail "check-cli/suppressions" "want 2 defer-in-loop findings (Files, NolintOtherRule), got $n: $out"
echo "$out" | grep -q '^leak.go:47:' && pass "check-cli/nolint-other-rule-keeps" || fail "check-cli/nolint-other-rule-keeps" "$out"
echo "$out" | grep -q 'vendor/\|testdata/' && fail "check-cli/skips-vendor-testdata" "$out" || pass "check-cli/skips-vendor-testdata"
echo "$out" | grep -q 'sub/sub_test.go:6:5: .*never called.*(lost-cancel)' && pass "check-cli/tests-included" || fail "check-cli/tests-included" "$out"
echo "$out" | grep -q 'sub_windows' && fail "check-cli/goos-default-linux" "$out" || pass "check-cli/goos-default-linux"

out=$("$DRIP" check --tests=false ./...)
echo "$out" | grep -q 'sub_test.go' && fail "check-cli/tests-false" "$out" || pass "check-cli/tests-false"
out=$("$DRIP" check --goos windows --enable ticker-leak ./sub)
echo "$out" | grep -q 'sub/sub_windows.go:5:.*time.Tick' && pass "check-cli/goos-windows" || fail "check-cli/goos-windows" "$out"

out=$("$DRIP" check --report-unused-ignores ./...)
echo "$out" | grep -q "^leak.go:52:2: suppression of 'ticker-leak' suppresses nothing; remove it (unused-ignore)$" &&
    pass "check-cli/report-unused-ignores" || fail "check-cli/report-unused-ignores" "$out"
n=$(echo "$out" | grep -c unused-ignore)
[ "$n" = 2 ] && pass "check-cli/unused-ignores-count" || fail "check-cli/unused-ignores-count" "want 2 (Stale, NolintOtherRule), got $n: $out"

out=$("$DRIP" check --enable big-array-param ./sub); rc=$?
[ "$rc" = 0 ] && [ -z "$out" ] && pass "check-cli/exit-0-clean" || fail "check-cli/exit-0-clean" "rc=$rc $out"
out=$("$DRIP" check --enable big-array-param --big-array-threshold 4096 ./sub)
echo "$out" | grep -q "sub/sub.go:5:13: parameter 'b' copies a 4096-byte array (Buf)" &&
    pass "check-cli/big-array-threshold" || fail "check-cli/big-array-threshold" "$out"
out=$("$DRIP" check --disable defer-in-loop,lost-cancel ./...); rc=$?
[ "$rc" = 0 ] && pass "check-cli/disable" || fail "check-cli/disable" "rc=$rc $out"

"$DRIP" check --enable no-such-rule ./... 2>"$TMP/err"; rc=$?
[ "$rc" = 2 ] && grep -q "unknown rule 'no-such-rule'" "$TMP/err" && pass "check-cli/unknown-rule" || fail "check-cli/unknown-rule" "rc=$rc"
"$DRIP" check --format xml ./... 2>"$TMP/err"; rc=$?
[ "$rc" = 2 ] && pass "check-cli/bad-format" || fail "check-cli/bad-format" "rc=$rc"
"$DRIP" check ./nowhere 2>"$TMP/err"; rc=$?
[ "$rc" = 2 ] && grep -q "drip: error: cannot find package './nowhere'" "$TMP/err" && pass "check-cli/missing-package" ||
    fail "check-cli/missing-package" "rc=$rc $(cat "$TMP/err")"
"$DRIP" check --help >"$TMP/help"; rc=$?
[ "$rc" = 0 ] && grep -q -- '--report-unused-ignores' "$TMP/help" && pass "check-cli/help" || fail "check-cli/help" "rc=$rc"

out=$("$DRIP" check -c 1 --enable defer-in-loop ./...)
echo "$out" | grep -q '^    11 | 		defer f.Close()$' && echo "$out" | grep -q '^       | 		^$' &&
    echo "$out" | grep -q '^    10 | ' && echo "$out" | grep -q '^    12 | ' &&
    pass "check-cli/context-caret" || fail "check-cli/context-caret" "$out"

out=$("$DRIP" check --format json ./...)
if echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["version"] == 1 and d["count"] == len(d["diagnostics"]) > 0
for x in d["diagnostics"]:
    assert set(x) == {"rule", "path", "line", "column", "message", "confidence"}, x
assert any(x["rule"] == "defer-in-loop" and x["path"] == "leak.go" and x["line"] == 11 and x["column"] == 3 for x in d["diagnostics"])
' 2>"$TMP/err"; then pass "check-cli/json"; else fail "check-cli/json" "$(cat "$TMP/err")"; fi

out=$("$DRIP" check --format github --enable defer-in-loop ./...)
echo "$out" | grep -q '^::warning file=leak.go,line=11,col=3,title=defer-in-loop::defer inside a loop' &&
    pass "check-cli/github" || fail "check-cli/github" "$out"

out=$("$DRIP" check --list)
n=$(echo "$out" | grep -c .)
[ "$n" -ge 7 ] && echo "$out" | grep -q '^lost-cancel ' && pass "check-cli/list" || fail "check-cli/list" "$out"
for rule in $(echo "$out" | awk '{print $1}'); do
    doc=$("$DRIP" explain "$rule")
    if echo "$doc" | grep -q '^Leaky:' && echo "$doc" | grep -q '^Fixed:' && echo "$doc" | grep -q '^Fix:'; then
        pass "check-cli/explain-$rule"
    else
        fail "check-cli/explain-$rule" "$doc"
    fi
done
"$DRIP" explain nope 2>"$TMP/err"; rc=$?
[ "$rc" = 2 ] && pass "check-cli/explain-unknown" || fail "check-cli/explain-unknown" "rc=$rc"

# A file with a syntax error is reported, the rest is still checked.
mkdir -p "$TMP/broken"
printf 'package b\n\nfunc X( {\n' >"$TMP/broken/bad.go"
printf 'package b\n\nfunc Y() { var ch chan int; <-ch }\n' >"$TMP/broken/good.go"
out=$("$DRIP" check "$TMP/broken" 2>"$TMP/err"); rc=$?
[ "$rc" = 1 ] && echo "$out" | grep -q 'good.go:3:.*nil channel' && echo "$out" | grep -q "bad.go:3:9: expected ')', found '{' (syntax)$" &&
    pass "check-cli/syntax-error-keeps-going" || fail "check-cli/syntax-error-keeps-going" "rc=$rc $out $(cat "$TMP/err")"
# a syntax error alone is a finding: exit 1, in JSON and SARIF too
rm "$TMP/broken/good.go"
"$DRIP" check "$TMP/broken" >/dev/null 2>&1; rc=$?
[ "$rc" = 1 ] && pass check-cli/syntax-exit-1 || fail check-cli/syntax-exit-1 "rc=$rc"
"$DRIP" check -f json "$TMP/broken" 2>/dev/null | grep -q '{"rule": "syntax", "path": "[^"]*bad.go", "line": 3, "column": 9, "message": "expected' &&
    pass check-cli/syntax-json || fail check-cli/syntax-json "$("$DRIP" check -f json "$TMP/broken" 2>&1 | head -n 5)"
"$DRIP" check -f sarif "$TMP/broken" 2>/dev/null | grep -q '"ruleId": *"syntax"' &&
    pass check-cli/syntax-sarif || fail check-cli/syntax-sarif "no syntax result in SARIF"

# Generated files (Go's "// Code generated ... DO NOT EDIT." before the
# package clause): no findings unless --generated; which files count is
# checked against go/ast.IsGenerated of the newest toolchain.
G=$TMP/gen
mkdir -p "$G"
printf '// Code generated by protoc-gen-gogo. DO NOT EDIT.\n// source: x.proto\n\npackage g\n\nfunc A() { var ch chan int; <-ch }\n' >"$G/a.pb.go"
printf '// Copyright 2026\n\n/* a block */\n// Code generated by hand. DO NOT EDIT.\n\npackage g\n\nfunc B() { var ch chan int; <-ch }\n' >"$G/b.go"
printf 'package g\n\n// Code generated by hand. DO NOT EDIT.\n\nfunc C() { var ch chan int; <-ch }\n' >"$G/c.go"
printf '// Code generated by hand. DO NOT EDIT\n\npackage g\n\nfunc D() { var ch chan int; <-ch }\n' >"$G/d.go"
printf '// Code generated by hand. DO NOT EDIT.\r\n\r\npackage g\r\n\r\nfunc E() { var ch chan int; <-ch }\r\n' >"$G/e.go"
"$DRIP" check "$G" 2>/dev/null | sed -n 's|^[^:]*/\([a-z.]*go\):.*|\1|p' | sort >"$TMP/gen.drip"
"$DRIP" check --generated "$G" 2>/dev/null | sed -n 's|^[^:]*/\([a-z.]*go\):.*|\1|p' | sort >"$TMP/gen.all"
[ "$(cat "$TMP/gen.all" | tr '\n' ' ')" = "a.pb.go b.go c.go d.go e.go " ] && pass check-cli/generated-flag ||
    fail check-cli/generated-flag "$(cat "$TMP/gen.all" | tr '\n' ' ')"
if ng=$(newest_go) && [ "${ng%% *}" != 1.19 ]; then
    gobin=${ng#* }/bin/go
    mkdir -p "$TMP/isgen"
    cat >"$TMP/isgen/main.go" <<'GO'
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.go"))
	sort.Strings(files)
	for _, f := range files {
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ParseComments|parser.PackageClauseOnly)
		if err == nil && !ast.IsGenerated(af) {
			fmt.Println(filepath.Base(f))
		}
	}
}
GO
    printf 'module isgen\n\ngo 1.21\n' >"$TMP/isgen/go.mod"
    want=$(cd "$TMP/isgen" && "$gobin" run . "$G" 2>&1 | tr '\n' ' ')
    got=$(tr '\n' ' ' <"$TMP/gen.drip")
    [ -n "$got" ] && [ "$got" = "$want" ] && pass check-cli/generated-as-go-ast ||
        fail check-cli/generated-as-go-ast "drip reports in: $got; go/ast says not generated: $want"
else
    skip check-cli/generated-as-go-ast "no Go 1.21 or later for go/ast.IsGenerated"
fi

# Suppression for a whole function (//drip:ignore above its func or among
# its doc comment) and a whole file (//drip:file-ignore): only D and E of
# funcs.go are still reported, and E's ignore names another rule
S=$ROOT/tests/testdata/check/suppress
got=$("$DRIP" check "$S" 2>&1 | sed -n 's|^.*/\([a-z]*\.go:[0-9]*\):.*(\([a-z-]*\))$|\1 \2|p' | tr '\n' ';')
[ "$got" = "funcs.go:26 nil-channel;funcs.go:32 nil-channel;" ] && pass check-cli/suppress-func-and-file ||
    fail check-cli/suppress-func-and-file "got $got"
"$DRIP" check --report-unused-ignores "$S" 2>&1 | grep -q "funcs.go:29:1: suppression of 'lock-order' suppresses nothing" &&
    pass check-cli/suppress-func-unused || fail check-cli/suppress-func-unused "no unused-ignore for E"
# without the comments, all eight receives are findings
cp -R "$S" "$TMP/nosup"
sed -i '/drip:/d' "$TMP/nosup"/*.go
n=$("$DRIP" check "$TMP/nosup" 2>/dev/null | grep -c '(nil-channel)$')
[ "$n" = 8 ] && pass check-cli/suppress-baseline-count || fail check-cli/suppress-baseline-count "$n findings without suppressions, want 8"

# Confidence: the default shows high findings only; --confidence medium
# adds the medium ones (lock-across-block: a partner that may not need the
# lock: it locks only after its one receive, line 264); JSON says which.
# High: a partner whose function is called in a loop (39), a worker whose
# caller holds the lock when it calls the one that runs Done (243), or
# takes the lock before that call (551; medium when it locks only after
# the call, 578, or when a second closer needs no lock, 630).
dl="$ROOT/testdata/src/lock-across-block"
out=$("$DRIP" check --enable lock-across-block "$dl")
echo "$out" | grep -q 'cases.go:69:2: ' && echo "$out" | grep -q 'cases.go:39:2: ' &&
    echo "$out" | grep -q 'cases.go:243:2: ' && ! echo "$out" | grep -q 'cases.go:264:2: ' &&
    echo "$out" | grep -q 'cases.go:551:2: ' && ! echo "$out" | grep -q 'cases.go:578:2: ' &&
    ! echo "$out" | grep -q 'cases.go:630:2: ' &&
    pass "check-cli/confidence-default-high" || fail "check-cli/confidence-default-high" "$out"
out=$("$DRIP" check --enable lock-across-block --confidence medium "$dl")
echo "$out" | grep -q 'cases.go:69:2: ' && echo "$out" | grep -q 'cases.go:264:2: ' &&
    echo "$out" | grep -q 'cases.go:578:2: ' && echo "$out" | grep -q 'cases.go:630:2: ' &&
    pass "check-cli/confidence-medium" || fail "check-cli/confidence-medium" "$out"
out=$("$DRIP" check --enable lock-across-block --confidence medium --format json "$dl")
echo "$out" | grep -q '"line": 264, "column": 2, .*"confidence": "medium"' && echo "$out" | grep -q '"line": 69, "column": 2, .*"confidence": "high"' &&
    pass "check-cli/confidence-json" || fail "check-cli/confidence-json" "$out"
# A test helper package (a file that is not a _test.go file imports
# "testing") runs only under go test: ticker-leak's findings there are of
# medium confidence, as in _test.go files; the same code elsewhere is high.
mkdir -p "$TMP/th/helper" "$TMP/th/plain"
cat >"$TMP/th/helper/helper.go" <<'EOF2'
package helper

import (
	"testing"
	"time"
)

func Wait(t *testing.T, ch chan int) {
	for range time.Tick(time.Millisecond) {
		select {
		case <-ch:
			return
		default:
		}
	}
	t.Fatal("unreachable")
}
EOF2
cat >"$TMP/th/helper/tick.go" <<'EOF2'
package helper

import "time"

func Poll(ch chan int) {
	for range time.Tick(time.Millisecond) {
		if len(ch) > 0 {
			return
		}
	}
}
EOF2
sed -e 's/package helper/package plain/' "$TMP/th/helper/tick.go" >"$TMP/th/plain/tick.go"
out=$(cd "$TMP/th" && "$DRIP" check --enable ticker-leak ./... 2>&1)
med=$(cd "$TMP/th" && "$DRIP" check --enable ticker-leak --confidence medium ./... 2>&1)
echo "$out" | grep -q '^plain/tick.go:6:.*(ticker-leak)$' && ! echo "$out" | grep -q '^helper/' &&
    [ "$(echo "$med" | grep -c '^helper/.*(ticker-leak)$')" = 2 ] &&
    pass "check-cli/confidence-test-helper" || fail "check-cli/confidence-test-helper" "default: $out; medium: $med"
"$DRIP" check --confidence low "$dl" >/dev/null 2>"$TMP/err"; rc=$?
[ "$rc" = 2 ] && grep -q "unknown confidence 'low'" "$TMP/err" &&
    pass "check-cli/confidence-bad" || fail "check-cli/confidence-bad" "rc=$rc $(cat "$TMP/err")"
