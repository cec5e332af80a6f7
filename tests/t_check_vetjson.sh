# t_check_vetjson.sh - drip check -json prints what go vet -json prints:
# the same stream of one object per package (import path -> analyzer ->
# [{posn, message}]), byte for byte in encoding/json's indented form, on
# stdout, exit 0 with findings. Compared with the real go vet -json of
# Go 1.27 (stdout) and Go 1.19 (stderr, "# pkg" lines) on the same module.
. "$(dirname "$0")/lib.sh"

M=$TMP/m
mkdir -p "$M/sub" "$M/clean"
printf 'module example.com/vj\n\ngo 1.19\n' >"$M/go.mod"
cat >"$M/a.go" <<'GO'
package vj

import (
	"os"
	"sync"
)

type T struct{ mu sync.Mutex }

func ByValue(t T) {}

func Open(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

func Send() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}
GO
cat >"$M/sub/b.go" <<'GO'
package sub

import "sync"

func H(m sync.Mutex) {}

func Recv() int {
	ch := make(chan int)
	go func() { ch <- 2 }()
	return 0
}
GO
printf 'package clean\n\nfunc C() {}\n' >"$M/clean/c.go"

(cd "$M" && "$DRIP" check -json ./...) >"$TMP/drip.json" 2>"$TMP/drip.err"
rc=$?
[ "$rc" = 0 ] && [ ! -s "$TMP/drip.err" ] && pass vetjson/exit-0-on-stdout-like-go-vet ||
    fail vetjson/exit-0-on-stdout-like-go-vet "status $rc: $(cat "$TMP/drip.err")"
(cd "$M" && "$DRIP" check ./... >/dev/null 2>&1)
[ $? = 1 ] && pass vetjson/findings-exist || fail vetjson/findings-exist "plain drip check found nothing to compare"

# compare.py DRIP GOVET_STREAM: both are streams of JSON objects; go vet's
# may carry "# pkg" lines (Go <= 1.24). Checks drip's shape against go
# vet's and that drip's bytes are what encoding/json's MarshalIndent
# with a tab would write.
cat >"$TMP/compare.py" <<'PY'
import json, re, sys
def stream(text):
    text = "\n".join(l for l in text.splitlines() if not l.startswith("# "))
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
def goenc(o):
    s = json.dumps(o, indent="\t", ensure_ascii=False)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
drip_text = open(sys.argv[1]).read()
vet = stream(open(sys.argv[2]).read())
drip = stream(drip_text)
assert vet, "go vet printed nothing"
# every object: {} or one package key -> {analyzer: [diagnostic]}
for who, objs in (("go vet", vet), ("drip", drip)):
    for o in objs:
        assert isinstance(o, dict) and len(o) <= 1, (who, o)
        for pkg, an in o.items():
            assert isinstance(an, dict) and an, (who, pkg)
            for name, diags in an.items():
                assert isinstance(diags, list) and diags, (who, name)
                for d in diags:
                    assert list(d)[0] == "posn" and list(d)[-1] == "message", (who, list(d))
                    assert set(d) <= {"posn", "end", "message"}, (who, d)
                    assert re.fullmatch(r"/.+\.go:\d+:\d+", d["posn"]), (who, d["posn"])
# the same packages (objects with findings, and empty ones)
pk = lambda objs: sorted(k for o in objs for k in o)
assert pk(vet) == pk(drip) == ["example.com/vj", "example.com/vj/sub"], (pk(vet), pk(drip))
assert sum(1 for o in drip if not o) == sum(1 for o in vet if not o), "empty objects differ"
assert len(drip) == len(vet), (len(drip), len(vet))
# drip's files are go vet's files, with go vet's absolute paths
files = lambda objs: {d["posn"].rsplit(":", 2)[0] for o in objs for an in o.values() for ds in an.values() for d in ds}
assert files(drip) == files(vet), (files(vet), files(drip))
# byte for byte as Go's encoder writes the objects drip decoded
assert drip_text == "".join(goenc(o) + "\n" for o in drip), "not encoding/json's indented form"
print("ok")
PY
compare() {
    name=$1 gov=$2
    python3 "$TMP/compare.py" "$TMP/drip.json" "$gov" >"$TMP/cmp.txt" 2>&1 &&
        grep -q '^ok$' "$TMP/cmp.txt" && pass "$name" || fail "$name" "$(tail -n 3 "$TMP/cmp.txt")"
}
if G=$(go_of 1.27); then
    (cd "$M" && "$G" vet -json ./...) >"$TMP/vet27.out" 2>"$TMP/vet27.err"
    rc=$?
    [ "$rc" = 0 ] && [ -s "$TMP/vet27.out" ] && pass vetjson/go127-writes-stdout ||
        fail vetjson/go127-writes-stdout "status $rc, stdout $(wc -c <"$TMP/vet27.out") bytes"
    compare vetjson/shape-as-go127 "$TMP/vet27.out"
else
    skip vetjson/shape-as-go127 "no Go 1.27"
fi
if G=$(go_of 1.19); then
    (cd "$M" && "$G" vet -json ./...) >"$TMP/vet19.out" 2>"$TMP/vet19.err"
    [ ! -s "$TMP/vet19.out" ] && grep -q '^# example.com/vj$' "$TMP/vet19.err" && pass vetjson/go119-writes-stderr ||
        fail vetjson/go119-writes-stderr "$(head -c 200 "$TMP/vet19.err")"
    compare vetjson/shape-as-go119 "$TMP/vet19.err"
else
    skip vetjson/shape-as-go119 "no Go 1.19"
fi

# go vet's names: loose files are command-line-arguments
(cd "$M" && "$DRIP" check -json a.go) >"$TMP/files.json" 2>&1
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert list(d)==["command-line-arguments"] and "defer-in-loop" in d["command-line-arguments"], d' \
    "$TMP/files.json" 2>"$TMP/py.err" && pass vetjson/files-are-command-line-arguments ||
    fail vetjson/files-are-command-line-arguments "$(cat "$TMP/py.err")"
"$DRIP" check -json -f sarif "$M" >/dev/null 2>"$TMP/e.txt"
[ $? = 2 ] && grep -q "cannot be used with --format" "$TMP/e.txt" && pass vetjson/not-with-format || fail vetjson/not-with-format "$(cat "$TMP/e.txt")"
