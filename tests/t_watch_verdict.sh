# t_watch_verdict.sh - exit statuses that tell the truth: too few snapshots
# for a verdict is "inconclusive" (exit 3), from drip watch on a real Go
# service and from drip report on a stored watch directory; the live
# status line counts down to the verdict; -f json prints verdict.json.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pprof/lib_services.sh"

# A stored directory: 5 heap snapshots of a steady site (min is 8).
D=$TMP/few
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    i=1
    while [ $i -le 5 ]; do
        f=$(printf '%06d-heap.pb.gz' $i)
        printf 'heap profile: 1: 4096 [1: 4096] @ heap/1\n1: 4096 [1: 4096] @ 0x3\n#\t0x3\tmain.steady+0x1\t/app/steady.go:9\n' |
            gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
        i=$((i + 1))
    done
} >"$D/index.tsv"
"$DRIP" report "$D" >"$TMP/r.txt" 2>"$TMP/r.err"
rc=$?
[ "$rc" = 3 ] && pass report/few-snapshots-exit-3 || fail report/few-snapshots-exit-3 "status $rc: $(cat "$TMP/r.txt" "$TMP/r.err")"
grep -q '^inconclusive: 5 snapshots, need 8 for a verdict' "$TMP/r.txt" && ! grep -q "no leak found" "$TMP/r.txt" &&
    pass report/few-snapshots-says-inconclusive || fail report/few-snapshots-says-inconclusive "$(cat "$TMP/r.txt")"
grep -q '"verdict":"inconclusive","usable_snapshots":5,"min_snapshots":8' "$D/verdict.json" &&
    pass report/few-snapshots-verdict-json || fail report/few-snapshots-verdict-json "$(head -c 300 "$D/verdict.json")"
grep -q 'Inconclusive' "$D/report.html" && pass report/few-snapshots-html || fail report/few-snapshots-html "no notice in report.html"
# the same directory with a lower minimum is a verdict: no leak, exit 0
"$DRIP" report --no-files --min-snapshots 4 "$D" >"$TMP/r4.txt" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "no leak found" "$TMP/r4.txt" && pass report/enough-snapshots-exit-0 ||
    fail report/enough-snapshots-exit-0 "status $rc: $(cat "$TMP/r4.txt")"
# -f json: the verdict.json object on stdout, parsed
"$DRIP" report --no-files -f json "$D" >"$TMP/r.json" 2>/dev/null
rc=$?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="inconclusive" and d["snapshots"]==5 and d["leaks"]==0, d' "$TMP/r.json" 2>"$TMP/py.err" &&
    [ "$rc" = 3 ] && pass report/format-json || fail report/format-json "status $rc: $(cat "$TMP/py.err")"
"$DRIP" report -f yaml "$D" >/dev/null 2>"$TMP/e.txt"
[ $? = 2 ] && grep -q "unknown format 'yaml'" "$TMP/e.txt" && pass report/format-unknown || fail report/format-unknown "$(cat "$TMP/e.txt")"

# A live service watched for too short a time.
if ! build_services; then
    fail watch/build-services "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
if ! start_service stable stable; then
    fail watch/start-stable "service did not report its address"
    exit 0
fi
"$DRIP" watch --interval 200ms --duration 1s --no-leak-profile --out "$TMP/w1" "http://$ADDR_stable" >"$TMP/w1.txt" 2>"$TMP/w1.err"
rc=$?
n=$(grep -c "	heap	" "$TMP/w1/index.tsv" 2>/dev/null)
[ "$rc" = 3 ] && pass watch/short-watch-exit-3 || fail watch/short-watch-exit-3 "status $rc: $(cat "$TMP/w1.txt" "$TMP/w1.err")"
grep -q "^inconclusive: ${n:-x} snapshots, need 8 for a verdict" "$TMP/w1.txt" &&
    pass watch/short-watch-inconclusive || fail watch/short-watch-inconclusive "$n heap snapshots; $(cat "$TMP/w1.txt")"
"$DRIP" report --no-files "$TMP/w1" >/dev/null 2>&1
rc=$?
[ "$rc" = 3 ] && pass report/short-watch-again-exit-3 || fail report/short-watch-again-exit-3 "status $rc"
# long enough: a verdict, exit 0
"$DRIP" watch --interval 200ms --duration 2.4s --no-leak-profile -f json --out "$TMP/w2" "http://$ADDR_stable" >"$TMP/w2.json" 2>"$TMP/w2.err"
rc=$?
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="no-leak" and d["usable_snapshots"]>=8, d["verdict"]' "$TMP/w2.json" 2>"$TMP/py.err" &&
    [ "$rc" = 0 ] && pass watch/long-watch-json-no-leak || fail watch/long-watch-json-no-leak "status $rc: $(cat "$TMP/py.err" "$TMP/w2.err")"

# The live status line (on a terminal only: script(1) gives drip one)
# counts down to the verdict, then says it is possible.
if command -v script >/dev/null 2>&1; then
    script -qec "'$DRIP' watch --interval 250ms --duration 3s --no-leak-profile --out '$TMP/w3' 'http://$ADDR_stable'" /dev/null \
        >"$TMP/tty.txt" 2>&1 </dev/null
    tr '\r' '\n' <"$TMP/tty.txt" | sed 's/\x1b\[K//g' >"$TMP/lines.txt"
    first=$(grep -m1 'verdict in ~' "$TMP/lines.txt")
    # at 250ms and 8 needed: ~1.75s left after the first snapshot
    if echo "$first" | grep -q '^\[0s\] 1 snapshots, 0 gaps | verdict in ~2s (at 8) | goroutines'; then
        pass watch/status-line-time-left
    else
        fail watch/status-line-time-left "first: '$first'; $(head -c 400 "$TMP/lines.txt")"
    fi
    grep -q '| verdict possible' "$TMP/lines.txt" && pass watch/status-line-verdict-possible ||
        fail watch/status-line-verdict-possible "$(tail -n 3 "$TMP/lines.txt")"
else
    skip watch/status-line-time-left "no script(1) to give drip a terminal"
fi
