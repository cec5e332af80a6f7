# t_check_fix.sh - drip check's mechanical fixes: --diff prints what --fix
# writes (patch -p0 of the diff gives the --fix result), the fixed program
# re-parses, gofmt leaves it as it is, go build and go vet pass, and the
# findings are gone; the SARIF log carries the same edits, end positions,
# related sites and help links, with paths under %SRCROOT% from any
# working directory.
. "$(dirname "$0")/lib.sh"

GOFMT=
for g in /usr/lib/go-1.19/bin/gofmt $(command -v gofmt 2>/dev/null); do
    [ -x "$g" ] && { GOFMT=$g; break; }
done

mkdir -p "$TMP/m/svc"
cat >"$TMP/m/go.mod" <<'GO'
module example.com/m

go 1.19
GO
cat >"$TMP/m/svc/svc.go" <<'GO'
package svc

import (
	"context"
	"errors"
	"time"
)

func check() bool { return true }

func Poll(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // poll interval
	for {
		select {
		case <-t.C:
			check()
		case <-done:
			return
		}
	}
}

func Fetch(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if ctx.Err() != nil {
		return errors.New("expired")
	}
	defer cancel()
	return nil
}

func Watch(parent context.Context, stop <-chan struct{}) {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		select {
		case <-stop:
			cancel()
		case <-time.After(time.Second):
		}
	}()
	<-ctx.Done()
}
GO
# the cancel of Watch is called on some paths only: a medium finding, so
# the fixes are asked for at --confidence medium
(cd "$TMP/m" && git init -q . 2>/dev/null)
cp -r "$TMP/m" "$TMP/patched"

# --diff, then patch -p0 of it in a copy
(cd "$TMP/m/svc" && "$DRIP" check --confidence medium --diff . >"$TMP/fix.diff" 2>"$TMP/diff.err")
rc=$?
[ "$rc" = 1 ] && grep -q '^+	defer t.Stop()$' "$TMP/fix.diff" && grep -q '^+	defer cancel()$' "$TMP/fix.diff" &&
    pass check-fix/diff || fail check-fix/diff "rc $rc: $(cat "$TMP/fix.diff" "$TMP/diff.err" | head -40)"
if (cd "$TMP/patched/svc" && patch -p0 --quiet <"$TMP/fix.diff") >"$TMP/patch.out" 2>&1; then
    pass check-fix/patch-applies
else
    fail check-fix/patch-applies "$(cat "$TMP/patch.out")"
fi
if (cd "$TMP/m" && git apply --check -p0 --directory=svc "$TMP/fix.diff") >"$TMP/gitapply.out" 2>&1; then
    pass check-fix/git-apply
else
    fail check-fix/git-apply "$(cat "$TMP/gitapply.out")"
fi

# --fix in place equals the patched copy
(cd "$TMP/m/svc" && "$DRIP" check --confidence medium --fix . >"$TMP/fix.out" 2>"$TMP/fix.err")
grep -q 'drip: fixed svc.go (2 edits)' "$TMP/fix.err" && pass check-fix/fix-reports || fail check-fix/fix-reports "$(cat "$TMP/fix.err")"
cmp -s "$TMP/m/svc/svc.go" "$TMP/patched/svc/svc.go" && pass check-fix/fix-equals-diff ||
    fail check-fix/fix-equals-diff "$(diff "$TMP/m/svc/svc.go" "$TMP/patched/svc/svc.go")"
grep -c 'defer t.Stop()' "$TMP/m/svc/svc.go" | grep -qx 1 && grep -c 'defer cancel()' "$TMP/m/svc/svc.go" | grep -qx 2 &&
    pass check-fix/edits-made || fail check-fix/edits-made "$(cat "$TMP/m/svc/svc.go")"

# the result re-parses, is gofmt-clean (the input is, so gofmt of the whole
# file checks the edited lines), builds and vets, and is clean for drip
"$DRIP" parse "$TMP/m/svc/svc.go" >/dev/null 2>"$TMP/parse.err" && pass check-fix/reparses ||
    fail check-fix/reparses "$(cat "$TMP/parse.err")"
if [ -n "$GOFMT" ]; then
    out=$("$GOFMT" -d "$TMP/m/svc/svc.go" 2>&1)
    [ -z "$out" ] && pass check-fix/gofmt-clean || fail check-fix/gofmt-clean "$out"
else
    skip check-fix/gofmt-clean "no gofmt on this machine"
fi
if command -v go >/dev/null 2>&1; then
    (cd "$TMP/m" && go build ./... && go vet ./...) >"$TMP/build.out" 2>&1 && pass check-fix/go-build-vet ||
        fail check-fix/go-build-vet "$(cat "$TMP/build.out")"
else
    skip check-fix/go-build-vet "no go command"
fi
out=$(cd "$TMP/m/svc" && "$DRIP" check --confidence medium --enable ticker-leak,lost-cancel . 2>&1)
[ -z "$out" ] && pass check-fix/findings-gone || fail check-fix/findings-gone "$out"
# nothing left to fix: --diff prints nothing
out=$(cd "$TMP/m/svc" && "$DRIP" check --confidence medium --diff . 2>&1)
[ -z "$out" ] && pass check-fix/idempotent || fail check-fix/idempotent "$out"

# SARIF, from the module's subdirectory and from outside it
cp "$TMP/patched/svc/svc.go" "$TMP/m/svc/svc.go"
patch -R -p0 -d "$TMP/m/svc" --quiet <"$TMP/fix.diff" >/dev/null 2>&1
cat >"$TMP/sarif.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
root = sys.argv[2]
problems = []
def need(obj, keys, where):
    for k in keys:
        if k not in obj:
            problems.append("%s: no %s" % (where, k))
need(doc, ["version", "runs"], "log")
run = doc["runs"][0]
need(run, ["tool", "results", "originalUriBaseIds"], "run")
base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
if base != "file://" + root + "/":
    problems.append("SRCROOT %r, want %r" % (base, "file://" + root + "/"))
rules = run["tool"]["driver"]["rules"]
for r in rules:
    need(r, ["id", "helpUri", "help", "shortDescription"], "rule " + r["id"])
    if not r.get("helpUri", "").endswith("rules.md#" + r["id"]):
        problems.append("helpUri " + r.get("helpUri", ""))
    if "Findings on real code" in r["help"]["text"] or "GoKer" in r["help"]["text"]:
        problems.append("counts in help of " + r["id"])
fixes = related = 0
for res in run["results"]:
    need(res, ["ruleId", "message", "locations"], "result")
    loc = res["locations"][0]["physicalLocation"]
    need(loc, ["artifactLocation", "region"], "location")
    art = loc["artifactLocation"]
    if art.get("uri") != "svc/svc.go" or art.get("uriBaseId") != "%SRCROOT%":
        problems.append("artifact %r" % art)
    reg = loc["region"]
    need(reg, ["startLine", "startColumn", "endLine", "endColumn"], "region")
    if (reg.get("endLine", 0), reg.get("endColumn", 0)) <= (reg["startLine"], reg["startColumn"]):
        problems.append("empty region %r" % reg)
    for rl in res.get("relatedLocations", []):
        related += 1
        need(rl, ["id", "message", "physicalLocation"], "relatedLocation")
        need(rl["physicalLocation"], ["artifactLocation", "region"], "relatedLocation")
    for fx in res.get("fixes", []):
        fixes += 1
        need(fx, ["description", "artifactChanges"], "fix")
        for ch in fx["artifactChanges"]:
            need(ch, ["artifactLocation", "replacements"], "artifactChange")
            for rp in ch["replacements"]:
                need(rp, ["deletedRegion", "insertedContent"], "replacement")
                need(rp["deletedRegion"], ["startLine", "startColumn"], "deletedRegion")
                if not rp["insertedContent"]["text"].startswith("\n\tdefer "):
                    problems.append("insertion %r" % rp["insertedContent"]["text"])
if fixes < 2:
    problems.append("%d fixes, want 2" % fixes)
if related < 1:
    problems.append("no relatedLocations")
for p in problems[:8]:
    print(p)
sys.exit(1 if problems else 0)
PY
real=$(cd "$TMP/m" && pwd -P)
(cd "$TMP/m/svc" && "$DRIP" check --confidence medium -f sarif .) >"$TMP/sub.sarif"
out=$(python3 "$TMP/sarif.py" "$TMP/sub.sarif" "$real" 2>&1) && pass check-fix/sarif-from-subdir || fail check-fix/sarif-from-subdir "$out"
(cd / && "$DRIP" check --confidence medium -f sarif "$TMP/m/svc") >"$TMP/out.sarif"
out=$(python3 "$TMP/sarif.py" "$TMP/out.sarif" "$real" 2>&1) && pass check-fix/sarif-from-outside || fail check-fix/sarif-from-outside "$out"
(cd "$TMP/m/svc" && "$DRIP" check -f sarif --help-uri-base https://example.invalid/drip/rules.md .) >"$TMP/uri.sarif"
grep -q '"helpUri": "https://example.invalid/drip/rules.md#ticker-leak"' "$TMP/uri.sarif" &&
    pass check-fix/help-uri-base || fail check-fix/help-uri-base "$(grep -o '"helpUri": "[^"]*"' "$TMP/uri.sarif" | head -2)"

# ---- the retention fixes: strings.Clone (importing "strings" into no,
# a single and a grouped import list) and clearing the popped slot ------
# The inputs are gofmt-clean, so gofmt -l on the whole fixed file checks
# the edited lines.
mkdir -p "$TMP/m2/store" "$TMP/m2/bare" "$TMP/m2/one" "$TMP/m2/locks"
printf 'module example.com/m2\n\ngo 1.19\n' >"$TMP/m2/go.mod"
cat >"$TMP/m2/store/store.go" <<'GO'
package store

import (
	"fmt"
	"sync"
)

type item struct {
	data []byte
}

type Queue struct {
	mu    sync.Mutex
	items []*item
	vals  []item
}

var keys = map[int]string{}

func Keep(i int, request string) {
	keys[i] = request[:16] // the key
	fmt.Println(i)
}

func (q *Queue) Drop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = q.items[1:]
}

func (q *Queue) DropVal() {
	q.vals = q.vals[1:]
}
GO
cat >"$TMP/m2/bare/bare.go" <<'GO'
package bare

var keys = map[int]string{}

func Keep(i int, request string) {
	keys[i] = request[:16]
}
GO
cat >"$TMP/m2/one/one.go" <<'GO'
package one

import "fmt"

var last string

func Keep(request string) {
	last = request[2:10]
	fmt.Println(last)
}
GO
cp -r "$TMP/m2" "$TMP/m2p"
for f in store/store.go bare/bare.go one/one.go; do
    [ -n "$GOFMT" ] && [ -n "$("$GOFMT" -l "$TMP/m2/$f")" ] && fail check-fix/retention-input-gofmt "$f is not gofmt-clean"
done
(cd "$TMP/m2" && "$DRIP" check --diff ./...) >"$TMP/ret.diff" 2>"$TMP/ret.err"
grep -q '^+	"strings"$' "$TMP/ret.diff" && grep -q '^+import "strings"$' "$TMP/ret.diff" &&
    ! grep -q '^-	"sync"$' "$TMP/ret.diff" && ! grep -q '^-	q.items = q.items\[1:\]$' "$TMP/ret.diff" &&
    grep -q '^+	q.items\[0\] = nil$' "$TMP/ret.diff" && grep -q '^+	q.vals\[0\] = item{}$' "$TMP/ret.diff" &&
grep -q 'strings.Clone(request\[:16\]) // the key$' "$TMP/ret.diff" &&
    pass check-fix/retention-diff || fail check-fix/retention-diff "$(cat "$TMP/ret.diff" "$TMP/ret.err" | head -60)"
(cd "$TMP/m2p" && patch -p0 --quiet <"$TMP/ret.diff") >"$TMP/ret.patch" 2>&1 && pass check-fix/retention-patch ||
    fail check-fix/retention-patch "$(cat "$TMP/ret.patch")"
(cd "$TMP/m2" && git init -q . 2>/dev/null && git apply --check -p0 "$TMP/ret.diff") >"$TMP/ret.gitapply" 2>&1 &&
    pass check-fix/retention-git-apply || fail check-fix/retention-git-apply "$(cat "$TMP/ret.gitapply")"
(cd "$TMP/m2" && "$DRIP" check --fix ./...) >/dev/null 2>"$TMP/ret.fix"
same=1
for f in store/store.go bare/bare.go one/one.go; do
    cmp -s "$TMP/m2/$f" "$TMP/m2p/$f" || { same=0; fail check-fix/retention-fix-equals-diff "$(diff "$TMP/m2/$f" "$TMP/m2p/$f")"; }
done
[ "$same" = 1 ] && pass check-fix/retention-fix-equals-diff
bad=
for f in store/store.go bare/bare.go one/one.go; do
    "$DRIP" parse "$TMP/m2/$f" >/dev/null 2>>"$TMP/ret.parse" || bad="$bad $f"
done
[ -z "$bad" ] && pass check-fix/retention-reparses || fail check-fix/retention-reparses "$bad: $(cat "$TMP/ret.parse")"
if [ -n "$GOFMT" ]; then
    out=$(cd "$TMP/m2" && "$GOFMT" -l store bare one 2>&1)
    [ -z "$out" ] && pass check-fix/retention-gofmt || fail check-fix/retention-gofmt "$out: $(cd "$TMP/m2" && "$GOFMT" -d store bare one)"
else
    skip check-fix/retention-gofmt "no gofmt on this machine"
fi
if command -v go >/dev/null 2>&1; then
    (cd "$TMP/m2" && go build ./... && go vet ./...) >"$TMP/ret.build" 2>&1 && pass check-fix/retention-build-vet ||
        fail check-fix/retention-build-vet "$(cat "$TMP/ret.build")"
else
    skip check-fix/retention-build-vet "no go command"
fi
n=$(grep -c 'strings.Clone(' "$TMP/m2/store/store.go" "$TMP/m2/bare/bare.go" "$TMP/m2/one/one.go" | awk -F: '{s+=$2} END {print s}')
[ "$n" = 3 ] && pass check-fix/retention-edits || fail check-fix/retention-edits "$n clones: $(cat "$TMP/ret.fix")"
out=$(cd "$TMP/m2" && "$DRIP" check --enable substring-retention,reslice-pointer-slots ./... 2>&1)
[ -z "$out" ] && pass check-fix/retention-findings-gone || fail check-fix/retention-findings-gone "$out"

# ---- related sites, in the finding's file and in another file of the package
cat >"$TMP/m2/locks/a.go" <<'GO'
package locks

import "sync"

var muA, muB sync.Mutex

func AB() {
	muA.Lock()
	muB.Lock()
	muB.Unlock()
	muA.Unlock()
}

type S struct{ mu sync.Mutex }

func (s *S) Twice() {
	s.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.mu.Unlock()
}

func Spin(work chan int) {
	go loop(work)
}

func Lost(fail bool) error {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	if fail {
		return nil
	}
	<-ch
	return nil
}
GO
cat >"$TMP/m2/locks/b.go" <<'GO'
package locks

func BA() {
	muB.Lock()
	muA.Lock()
	muA.Unlock()
	muB.Unlock()
}

func loop(work chan int) {
	for {
		select {
		case w := <-work:
			_ = w
		}
	}
}
GO
cat >"$TMP/related.py" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
# rule: (file of the finding, [(file, line) of related sites it must name])
want = {
    "lock-order": ("locks/b.go", [("locks/b.go", 4), ("locks/a.go", 8), ("locks/a.go", 9)]),
    "double-lock": ("locks/a.go", [("locks/a.go", 17)]),
    "goroutine-no-exit": ("locks/a.go", [("locks/b.go", 11)]),
    "abandoned-channel": ("locks/a.go", [("locks/a.go", 29), ("locks/a.go", 28), ("locks/a.go", 33)]),
}
problems = []
seen = set()
for res in run["results"]:
    rule = res["ruleId"]
    if rule not in want:
        continue
    seen.add(rule)
    art = res["locations"][0]["physicalLocation"]["artifactLocation"]
    if art.get("uri") != want[rule][0]:
        problems.append("%s at %r" % (rule, art))
    got = []
    for rl in res.get("relatedLocations", []):
        for k in ("id", "message", "physicalLocation"):
            if k not in rl:
                problems.append("%s: relatedLocation without %s" % (rule, k))
        pl = rl.get("physicalLocation", {})
        a = pl.get("artifactLocation", {})
        if a.get("uriBaseId") != "%SRCROOT%":
            problems.append("%s: related %r not under %%SRCROOT%%" % (rule, a))
        if "startLine" not in pl.get("region", {}) or not rl.get("message", {}).get("text"):
            problems.append("%s: related site without line or text" % rule)
        got.append((a.get("uri"), pl.get("region", {}).get("startLine")))
    for site in want[rule][1]:
        if site not in got:
            problems.append("%s: no related site %r (got %r)" % (rule, site, got))
for rule in want:
    if rule not in seen:
        problems.append("no %s finding" % rule)
for p in problems[:10]:
    print(p)
sys.exit(1 if problems else 0)
PY
(cd "$TMP/m2/locks" && "$DRIP" check -f sarif .) >"$TMP/rel.sarif"
out=$(python3 "$TMP/related.py" "$TMP/rel.sarif" 2>&1) && pass check-fix/related-sites || fail check-fix/related-sites "$out"
(cd / && "$DRIP" check -f sarif "$TMP/m2/locks") >"$TMP/rel2.sarif"
out=$(python3 "$TMP/related.py" "$TMP/rel2.sarif" 2>&1) && pass check-fix/related-sites-from-outside ||
    fail check-fix/related-sites-from-outside "$out"

# no fix where the name would not reach the package: a local named strings
mkdir -p "$TMP/m3/shadow"
printf 'module example.com/m3\n\ngo 1.19\n' >"$TMP/m3/go.mod"
cat >"$TMP/m3/shadow/shadow.go" <<'GO'
package shadow

var keys = map[int]string{}

func Keep(i int, strings string) {
	keys[i] = strings[:16]
}
GO
out=$(cd "$TMP/m3" && "$DRIP" check --enable substring-retention ./... 2>&1)
d=$(cd "$TMP/m3" && "$DRIP" check --diff ./... 2>&1)
case "$out" in
*substring-retention*) [ -z "$d" ] && pass check-fix/no-fix-when-shadowed || fail check-fix/no-fix-when-shadowed "$d" ;;
*) fail check-fix/no-fix-when-shadowed "no finding: $out" ;;
esac

# lock-across-block names the lock, the partner and where the partner locks
(cd "$ROOT" && "$DRIP" check --enable lock-across-block -f sarif ./testdata/src/lock-across-block) >"$TMP/lab.sarif" 2>/dev/null
out=$(python3 - "$TMP/lab.sarif" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
bad = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in res
       if not any("is locked here" in rl["message"]["text"] for rl in r.get("relatedLocations", []))
       or not any("the partner" in rl["message"]["text"] for rl in r.get("relatedLocations", []))]
print("%d findings, without the lock and partner sites: %r" % (len(res), bad))
sys.exit(0 if res and not bad else 1)
PY
) && pass check-fix/related-lock-across-block || fail check-fix/related-lock-across-block "$out"
