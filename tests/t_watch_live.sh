# t_watch_live.sh - drip watch against real Go services on loopback: one
# leaking a goroutine per request, one keeping subslices of request bodies,
# one busy but stable. Each gets a bounded load; watch must flag the two
# leaks at the right file:line and stay silent on the stable one.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pprof/lib_services.sh"

if ! build_services; then
    fail watch/build-services "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
for m in goleak retain stable; do
    if ! start_service $m $m; then
        fail watch/start-$m "service did not report its address"
        exit 0
    fi
done
for m in goleak retain stable; do
    eval "addr=\$ADDR_$m"
    "$TMP/load" -url "http://$addr/work" -n 600 -rate 30 -for 14s 2>"$TMP/load-$m.log" &
    PIDS="$PIDS $!"
done
for m in goleak retain stable; do
    eval "addr=\$ADDR_$m"
    ( "$DRIP" watch --interval 300ms --duration 11s --out "$TMP/w-$m" "http://$addr" \
        >"$TMP/out-$m.txt" 2>"$TMP/err-$m.txt"; echo $? >"$TMP/rc-$m" ) &
    PIDS="$PIDS $!"
done
i=0
while [ $i -lt 400 ]; do
    [ -f "$TMP/rc-goleak" ] && [ -f "$TMP/rc-retain" ] && [ -f "$TMP/rc-stable" ] && break
    sleep 0.1; i=$((i + 1))
done

gl=$(line_of goleak.go LEAK-GOROUTINE)
rl=$(line_of retain.go LEAK-HEAP)
out_g=$(cat "$TMP/out-goleak.txt" 2>/dev/null)
out_r=$(cat "$TMP/out-retain.txt" 2>/dev/null)
out_s=$(cat "$TMP/out-stable.txt" 2>/dev/null)

rc=$(cat "$TMP/rc-goleak" 2>/dev/null)
[ "$rc" = 1 ] && pass watch/goleak-exit-1 || fail watch/goleak-exit-1 "status $rc: $(tail -n 3 "$TMP/err-goleak.txt")"
echo "$out_g" | grep -q "goleak.go:$gl: goroutine leak: goroutines in main.goleakHandler.func1 (chan send)" &&
    pass watch/goleak-file-line || fail watch/goleak-file-line "want goleak.go:$gl in: $out_g"
echo "$out_g" | grep -q "abandoned-channel: " &&
    pass watch/goleak-seed-category || fail watch/goleak-seed-category "$out_g"

rc=$(cat "$TMP/rc-retain" 2>/dev/null)
[ "$rc" = 1 ] && pass watch/retain-exit-1 || fail watch/retain-exit-1 "status $rc: $(tail -n 3 "$TMP/err-retain.txt")"
echo "$out_r" | grep -q "retain.go:$rl: heap leak: memory in use allocated by main.retainHandler" &&
    pass watch/retain-file-line || fail watch/retain-file-line "want retain.go:$rl in: $out_r"
echo "$out_r" | grep -q "subslice-retention" &&
    pass watch/retain-seed-category || fail watch/retain-seed-category "$out_r"
if echo "$out_r" | grep -q "goroutine leak"; then
    fail watch/retain-no-goroutine-leak "$out_r"
else
    pass watch/retain-no-goroutine-leak
fi

rc=$(cat "$TMP/rc-stable" 2>/dev/null)
[ "$rc" = 0 ] && pass watch/stable-exit-0 || fail watch/stable-exit-0 "status $rc: $out_s"
echo "$out_s" | grep -q "no leak found" && pass watch/stable-no-leak || fail watch/stable-no-leak "$out_s"

# Snapshots on disk, one per poll and kind, and an index of them.
n=$(grep -c "	heap	" "$TMP/w-retain/index.tsv" 2>/dev/null)
[ "${n:-0}" -ge 20 ] && pass watch/snapshots-written || fail watch/snapshots-written "only ${n:-0} heap snapshots in index.tsv"
ls "$TMP/w-retain"/*-goroutine.pb.gz >/dev/null 2>&1 && [ -z "$(ls "$TMP/w-retain"/.*.tmp 2>/dev/null)" ] &&
    pass watch/snapshot-files || fail watch/snapshot-files "$(ls -a "$TMP/w-retain" | head)"

# The HTML report: self-contained, with charts.
h="$TMP/w-goleak/report.html"
if [ -s "$h" ] && grep -q "<svg" "$h" && grep -q "polyline" "$h" && ! grep -qi "<script\|src=\"http\|href=\"http" "$h"; then
    pass watch/html-report
else
    fail watch/html-report "missing or not self-contained: $h"
fi
grep -q "goroutines in main.goleakHandler.func1" "$h" && pass watch/html-names-suspect || fail watch/html-names-suspect "no suspect chart"

# drip report on the same directories gives the same verdict.
for m in goleak retain stable; do
    "$DRIP" report --no-files "$TMP/w-$m" >"$TMP/rep-$m.txt" 2>&1
    echo $? >"$TMP/reprc-$m"
done
[ "$(cat "$TMP/reprc-goleak")" = 1 ] && grep -q "goleak.go:$gl: goroutine leak" "$TMP/rep-goleak.txt" &&
    pass report/goleak-again || fail report/goleak-again "$(cat "$TMP/rep-goleak.txt")"
[ "$(cat "$TMP/reprc-retain")" = 1 ] && grep -q "retain.go:$rl: heap leak" "$TMP/rep-retain.txt" &&
    pass report/retain-again || fail report/retain-again "$(cat "$TMP/rep-retain.txt")"
[ "$(cat "$TMP/reprc-stable")" = 0 ] && pass report/stable-again || fail report/stable-again "$(cat "$TMP/rep-stable.txt")"

# The snapshots are real service profiles: drip heap on them agrees with
# go tool pprof -top (same functions and flat values), and the diff of the
# last against the first heap snapshot names the retaining site.
top_pprof() {
    go tool pprof -top -nodefraction=0 -nodecount=100000 -unit=B "$@" 2>/dev/null |
        awk 'f && $1 != "0" { v=$1; sub(/B$/, "", v); print $6, v } /^ *flat +flat%/ { f=1 }'
}
top_drip() {
    "$DRIP" heap --functions --raw --top 0 --no-hints "$@" 2>/dev/null |
        awk 'f && $1 != "0" { print $6, $1 } /^ *flat +flat%/ { f=1 }'
}
first=$(ls "$TMP/w-retain"/*-heap.pb.gz | head -n 1)
last=$(ls "$TMP/w-retain"/*-heap.pb.gz | tail -n 1)
glast=$(ls "$TMP/w-goleak"/*-goroutine.pb.gz | tail -n 1)
for spec in "inuse_space $last" "alloc_objects $last" "goroutine $glast"; do
    idx=${spec%% *} f=${spec#* }
    top_pprof -sample_index=$idx "$f" | head -n 8 >"$TMP/pp"
    top_drip --sample-index $idx "$f" >"$TMP/dr"
    missing=$(grep -vxF -f "$TMP/dr" "$TMP/pp")
    [ -s "$TMP/pp" ] && [ -z "$missing" ] && pass heap/service-profile-agrees-$idx ||
        fail heap/service-profile-agrees-$idx "not in drip: $missing"
done
"$DRIP" heap --base "$first" "$last" --top 1 >"$TMP/diff.txt" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q "main.retainHandler .*retain.go:$rl  \[subslice-retention\]" "$TMP/diff.txt" &&
    pass heap/service-diff-names-site || fail heap/service-diff-names-site "status $rc: $(cat "$TMP/diff.txt")"

# verdict.json says the same, for scripts.
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP" "$gl" "$rl" >"$TMP/json.txt" 2>&1 <<'PY'
import json, sys
tmp, gl, rl = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def leaks(name):
    d = json.load(open(f"{tmp}/w-{name}/verdict.json"))
    return d, [(s["kind"], s["file"].rsplit("/", 1)[-1], s["line"]) for s in d["series"] if s["leak"]]
g, gl_ = leaks("goleak")
r, rl_ = leaks("retain")
s, sl_ = leaks("stable")
assert ("goroutines", "goleak.go", gl) in gl_, gl_
assert ("heap", "retain.go", rl) in rl_, rl_
assert sl_ == [] and s["leaks"] == 0, sl_
assert g["leaks"] == len(gl_) and g["snapshots"] >= 20
print("ok")
PY
    grep -q "^ok$" "$TMP/json.txt" && pass watch/verdict-json || fail watch/verdict-json "$(tail -n 3 "$TMP/json.txt")"
fi
