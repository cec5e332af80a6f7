# t_watch_leakprof.sh - drip watch and Go's own leak verdict, against real
# services on loopback: a Go 1.27 service leaking a goroutine per request
# serves /debug/pprof/goroutineleak; its proven leaks must reach the
# terminal, verdict.json, report.html and `drip report`, the profile must
# be asked for at most every --leak-interval, with each poll's cost stored,
# and never with --no-leak-profile. A Go 1.19 service (no such profile,
# HTTP 404) is watched with one notice and judged by growth only; a stable
# Go 1.27 service has no proven leak.
. "$(dirname "$0")/lib.sh"
# Live services polled on a fixed schedule: under the sanitizers drip runs
# several times slower and the schedule this test counts on slips, so it
# runs in the plain pass only.
if [ -n "${DRIP_SANITIZE:-}" ]; then
    skip watch/leakprof "timing-bound live watch; checked in the plain pass"
    exit 0
fi
. "$ROOT/tests/pprof/lib_services.sh"

if ! go27=$(go_of 1.27); then
    skip watch/leakprof "no Go 1.27"
    exit 0
fi
if ! go19=$(go_of 1.19); then
    skip watch/leakprof "no Go 1.19"
    exit 0
fi
if ! (cd "$ROOT/tests/pprof/leaky" && "$go27" build -o "$TMP/leaky127" . && "$go19" build -o "$TMP/leaky119" . &&
    cd ../load && "$go19" build -o "$TMP/load" .) >"$TMP/build.log" 2>&1; then
    fail watch/leakprof-build "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
LEAKY_BIN=$TMP/leaky127
start_service goleak g27 127.0.0.1:0 -reqlog "$TMP/req-g27.log" || { fail watch/leakprof-start "no address"; exit 0; }
start_service goleak off 127.0.0.1:0 -reqlog "$TMP/req-off.log" || { fail watch/leakprof-start "no address"; exit 0; }
start_service stable s27 127.0.0.1:0 -reqlog "$TMP/req-s27.log" || { fail watch/leakprof-start "no address"; exit 0; }
LEAKY_BIN=$TMP/leaky119
start_service goleak g19 127.0.0.1:0 -reqlog "$TMP/req-g19.log" || { fail watch/leakprof-start "no address"; exit 0; }

# watch NAME FLAG...: drip watch for 6s against service NAME, with load.
watch() {
    name=$1; shift
    eval "addr=\$ADDR_$name"
    "$TMP/load" -url "http://$addr/work" -n 400 -rate 40 -for 7s 2>"$TMP/load-$name.log" &
    PIDS="$PIDS $!"
    ( "$DRIP" watch --interval 300ms --duration 6s --out "$TMP/w-$name" "$@" "http://$addr" \
        >"$TMP/out-$name.txt" 2>"$TMP/err-$name.txt"; echo $? >"$TMP/rc-$name" ) &
    PIDS="$PIDS $!"
}
watch g27 --leak-interval 2s
watch off --leak-interval 2s --no-leak-profile
watch g19 --leak-interval 2s
watch s27 --leak-interval 2s
i=0
while [ $i -lt 300 ]; do
    [ -f "$TMP/rc-g27" ] && [ -f "$TMP/rc-off" ] && [ -f "$TMP/rc-g19" ] && [ -f "$TMP/rc-s27" ] && break
    sleep 0.1; i=$((i + 1))
done
gl=$(line_of goleak.go LEAK-GOROUTINE)
gr=$(line_of goleak.go LEAK-RECEIVER)
leakreq() { grep -c '^/debug/pprof/goroutineleak?debug=2$' "$1" 2>/dev/null; }

# Go 1.27: proven leaks everywhere the verdict goes.
rc=$(cat "$TMP/rc-g27" 2>/dev/null)
out=$(cat "$TMP/out-g27.txt" 2>/dev/null)
[ "$rc" = 1 ] && echo "$out" | grep -q "goleak.go:$gl: goroutine leak: .*Go's leak detector proved [1-9][0-9]* leaked" &&
    pass watch/leakprof-proven-in-verdict || fail watch/leakprof-proven-in-verdict "status $rc: $out"
h=$TMP/w-g27/report.html
grep -q "Go's leak detector" "$h" && grep -q "proven leaked by Go: [1-9]" "$h" && grep -q "goleak.go:$gl</code>" "$h" &&
    pass watch/leakprof-proven-in-html || fail watch/leakprof-proven-in-html "$(grep -c proven "$h" 2>/dev/null) proven lines"

# At most one request per --leak-interval (2s over 6s: 3 or 4), far fewer
# than the goroutine polls, each with its cost in index.tsv.
n=$(leakreq "$TMP/req-g27.log")
ng=$(grep -c '^/debug/pprof/goroutine$' "$TMP/req-g27.log")
ni=$(grep -c '	goroutineleak	[0-9]*-goroutineleak.txt.gz	request_ms=[0-9.]* gc_pause_ms=[0-9.]* gc_cycles=[1-9]' "$TMP/w-g27/index.tsv")
if [ "${n:-0}" -ge 2 ] && [ "$n" -le 4 ] && [ "$ng" -ge 12 ] && [ "$ni" = "$n" ]; then
    pass "watch/leakprof-interval-limits-polls ($n leak polls, $ng goroutine polls)"
else
    fail watch/leakprof-interval-limits-polls "$n leak requests, $ng goroutine polls, $ni index records with cost"
fi
echo "$out" | grep -q "^leak profile: $n polls (at most every 2s); cost per poll: request [0-9.]* ms (max [0-9.]*), server GC pause [0-9.]* ms" &&
    [ "$(grep -c "drip: goroutineleak at +[0-9]*s: .* proven leaked .*; request [0-9.]* ms, server GC pause [0-9.]* ms" "$TMP/err-g27.txt")" = "$n" ] &&
    pass watch/leakprof-cost-shown || fail watch/leakprof-cost-shown "$(grep "leak profile" "$TMP/out-g27.txt"; grep goroutineleak "$TMP/err-g27.txt" | head -n 2)"

if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/w-g27/verdict.json" "$gl" "$n" "$gr" >"$TMP/json.txt" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
gl, n = int(sys.argv[2]), int(sys.argv[3])
lp = d["leak_profile"]
assert lp["status"] is None and lp["interval_seconds"] == 2 and len(lp["polls"]) == n, lp
for p in lp["polls"]:
    assert p["request_ms"] > 0 and p["gc_pause_ms"] is not None and p["gc_pause_ms"] > 0 and p["gc_cycles"] >= 1, p
    assert 0 <= p["leaked"] <= p["goroutines"], p
# leaked goroutines never come back: the count never drops
leaked = [p["leaked"] for p in lp["polls"]]
assert leaked == sorted(leaked) and leaked[-1] > leaked[0], leaked
pr = [p for p in d["proven"] if p["file"].endswith("goleak.go") and p["line"] == gl]
assert len(pr) == 1 and pr[0]["goroutines"] == leaked[-1] == d["proven_goroutines"], d["proven"]
assert pr[0]["what"] == "chan send" and pr[0]["created_by"]["function"] == "main.goleakHandler", pr[0]
s = [s for s in d["series"] if s["leak"] and s["line"] == gl and s["kind"] == "goroutines"]
assert s and s[0]["proven"] == leaked[-1], s
c = pr[0]["cause"]
assert c and c["kind"] == "partner" and "goleak.go:%d" % int(sys.argv[4]) in c["text"], c
print("ok")
PY
    grep -q "^ok$" "$TMP/json.txt" && pass watch/leakprof-verdict-json || fail watch/leakprof-verdict-json "$(tail -n 3 "$TMP/json.txt")"
fi

# Why the proven goroutines are stuck, from the service's source (here on
# disk): the only receiver, in the handler's select, gives up on the timer.
echo "$out" | grep -q "^    why \[partner\]: .*goleak.go:$gr.*" && grep -q "why (partner)" "$h" &&
    pass watch/leakprof-cause || fail watch/leakprof-cause "$(grep -A3 "goleak.go:$gl" "$TMP/out-g27.txt" | head -n 8)"

# drip report reads them back: the same verdict, leak profile line included.
"$DRIP" report --no-files "$TMP/w-g27" >"$TMP/rep-g27.txt" 2>"$TMP/rep-g27.err"
rc=$?
[ "$rc" = 1 ] && cmp -s "$TMP/rep-g27.txt" "$TMP/w-g27/verdict.txt" && grep -q "^leak profile: $n polls" "$TMP/rep-g27.txt" &&
    pass report/leakprof-read-back || fail report/leakprof-read-back "status $rc: $(diff "$TMP/rep-g27.txt" "$TMP/w-g27/verdict.txt" | head -n 6)"
# Without the source drip report gives the same verdict less the cause.
"$DRIP" report --no-files --no-source "$TMP/w-g27" >"$TMP/rep-ns.txt" 2>/dev/null
grep -v "^    why \[\|^    drip check: " "$TMP/rep-g27.txt" | diff - "$TMP/rep-ns.txt" >/dev/null && grep -q "^    why \[partner\]" "$TMP/rep-g27.txt" &&
    pass report/leakprof-no-source || fail report/leakprof-no-source "$(diff "$TMP/rep-g27.txt" "$TMP/rep-ns.txt" | head -n 6)"

# --no-leak-profile: not one request for it, nor for MemStats.
n=$(leakreq "$TMP/req-off.log")
ng=$(grep -c '^/debug/pprof/goroutine$' "$TMP/req-off.log")
[ "${n:-0}" = 0 ] && [ "$ng" -ge 12 ] && ! grep -q 'debug=1' "$TMP/req-off.log" &&
    grep -q "^leak profile: off (--no-leak-profile)" "$TMP/out-off.txt" && [ "$(cat "$TMP/rc-off")" = 1 ] &&
    pass watch/leakprof-off || fail watch/leakprof-off "$n leak requests, $ng goroutine polls: $(head -n 3 "$TMP/out-off.txt")"

# Go 1.19: one request (404), one notice, then growth only.
n=$(leakreq "$TMP/req-g19.log")
nn=$(grep -c "not served (HTTP 404" "$TMP/err-g19.txt")
ni=$(grep -c "	leakprofile	-	not served (HTTP 404 from .*/debug/pprof/goroutineleak?debug=2)" "$TMP/w-g19/index.tsv")
out=$(cat "$TMP/out-g19.txt")
if [ "$n" = 1 ] && [ "$nn" = 1 ] && [ "$ni" = 1 ] && [ "$(cat "$TMP/rc-g19")" = 1 ] &&
    echo "$out" | grep -q "^leak profile: not served (HTTP 404" &&
    echo "$out" | grep -q "goleak.go:$gl: goroutine leak: goroutines in main.goleakHandler.func1 (chan send) grow steadily" &&
    ! echo "$out" | grep -q "proved"; then
    pass watch/leakprof-go119-falls-back-once
else
    fail watch/leakprof-go119-falls-back-once "$n requests, $nn notices, $ni index records: $out"
fi
"$DRIP" report --no-files "$TMP/w-g19" 2>/dev/null | grep -q "^leak profile: not served (HTTP 404" &&
    pass report/leakprof-fallback-read-back || fail report/leakprof-fallback-read-back "$(head -n 3 "$TMP/w-g19/verdict.txt")"

# A stable Go 1.27 service: polled, nothing proven, no leak.
n=$(leakreq "$TMP/req-s27.log")
out=$(cat "$TMP/out-s27.txt")
[ "$(cat "$TMP/rc-s27")" = 0 ] && [ "${n:-0}" -ge 2 ] && echo "$out" | grep -q "; 0 goroutines proven leaked in 0 places" &&
    echo "$out" | grep -q "no leak found" && pass watch/leakprof-stable-nothing-proven ||
    fail watch/leakprof-stable-nothing-proven "$n leak requests: $out"

# Flag errors.
"$DRIP" watch --leak-interval 0 http://127.0.0.1:1 >/dev/null 2>"$TMP/e.txt"
[ $? = 2 ] && grep -q "leak-interval '0' is not a duration of at least 50ms" "$TMP/e.txt" &&
    pass watch/leakprof-bad-interval || fail watch/leakprof-bad-interval "$(cat "$TMP/e.txt")"
