# t_goroutines_diff.sh - drip goroutines --base OLD NEW and several
# snapshots in time order, on dumps of a real service that leaks one
# goroutine per request (tests/goroutines/growing).
. "$(dirname "$0")/lib.sh"
G=$ROOT/tests/goroutines
export NO_COLOR=1
bin=$TMP/growing
if ! go build -o "$bin" "$G/growing/main.go" >"$TMP/build.log" 2>&1; then
    fail goroutines-diff/build "$(tail -n 3 "$TMP/build.log")"
    exit 0
fi
"$bin" >"$TMP/addr" 2>"$TMP/stderr" &
pid=$!
i=0
while [ ! -s "$TMP/addr" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
addr=$(head -n 1 "$TMP/addr")
snap() { curl -sf --max-time 10 "http://$addr/debug/pprof/goroutine?debug=2" >"$TMP/$1.txt"; }
req() { curl -sf --max-time 20 "http://$addr/work?n=$1" >/dev/null; }
ok=true
snap s0 || ok=false
req 5 && snap s1 || ok=false
req 10 && snap s2 || ok=false
req 0 && snap s3 || ok=false
curl -sf --max-time 10 "http://$addr/debug/pprof/goroutine?debug=1" >"$TMP/d1.txt" || ok=false
kill $pid 2>/dev/null
wait $pid 2>/dev/null
if ! $ok; then
    fail goroutines-diff/snapshots "could not take the snapshots from $addr"
    exit 0
fi
line=$(grep -n '// want abandoned-channel growing' "$G/growing/main.go" | cut -d: -f1)

"$DRIP" goroutines --base "$TMP/s0.txt" "$TMP/s2.txt" >"$TMP/base.out" 2>"$TMP/base.err"
rc=$?
[ $rc = 1 ] && pass goroutines-diff/base-status || fail goroutines-diff/base-status "exit $rc: $(head -n 3 "$TMP/base.err")"
if grep -qE "main.go:$line: \\+15 goroutines blocked on chan send \\(0 -> 15\\)" "$TMP/base.out"; then
    pass goroutines-diff/base-growth
else
    fail goroutines-diff/base-growth "$(head -n 12 "$TMP/base.out")"
fi
# the growing site leads the report
first=$(grep -m1 -E '^/' "$TMP/base.out")
case $first in *"main.go:$line:"*) pass goroutines-diff/base-first ;; *) fail goroutines-diff/base-first "$first" ;; esac

"$DRIP" goroutines "$TMP/s0.txt" "$TMP/s1.txt" "$TMP/s2.txt" >"$TMP/three.out" 2>&1
rc=$?
[ $rc = 1 ] && pass goroutines-diff/series-status || fail goroutines-diff/series-status "exit $rc"
if grep -qE "main.go:$line: \\+15 goroutines blocked on chan send \\(0 -> 5 -> 15\\), steady growth" "$TMP/three.out"; then
    pass goroutines-diff/series-steady
else
    fail goroutines-diff/series-steady "$(head -n 12 "$TMP/three.out")"
fi
# no growth of the leak between two snapshots: exit 0 (an HTTP connection
# of the service may come or go: idle by design, not blamed)
"$DRIP" goroutines --base "$TMP/s2.txt" "$TMP/s3.txt" >"$TMP/flat.out" 2>&1
rc=$?
if [ $rc = 0 ] && ! grep -q "main.go:$line: +" "$TMP/flat.out"; then pass goroutines-diff/flat; else
    fail goroutines-diff/flat "exit $rc: $(head -n 8 "$TMP/flat.out")"; fi
# the JSON trends carry the counts of every snapshot
if go build -o "$TMP/jsoncheck" "$G/jsoncheck/main.go" >/dev/null 2>&1; then
    t=$("$DRIP" goroutines -f json "$TMP/s0.txt" "$TMP/s1.txt" "$TMP/s2.txt" 2>/dev/null | "$TMP/jsoncheck" | grep -m1 '^trend')
    case $t in "trend "*"main.go:$line +15 true [0 5 15]") pass goroutines-diff/json-trend ;; *) fail goroutines-diff/json-trend "$t" ;; esac
fi
# the same in a debug=1 profile of the same process: counts match
"$DRIP" goroutines "$TMP/d1.txt" >"$TMP/d1.out" 2>&1
grep -qE "main.go:$line: 15 goroutines blocked on chan send" "$TMP/d1.out" && pass goroutines-diff/debug1-count ||
    fail goroutines-diff/debug1-count "$(head -n 8 "$TMP/d1.out")"
