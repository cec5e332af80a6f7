# t_watch_gaps.sh - drip watch keeps going through a killed and restarted
# service (gaps, a restart), ends cleanly on SIGINT with its verdict,
# records corrupt responses as gaps, and fails clearly with no snapshot.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/pprof/lib_services.sh"

if ! build_services; then
    fail watch/build-services "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi

# 1. Kill the service mid-watch, then start it again on the same port.
start_service retain svc || { fail watch/gap-start "no address"; exit 0; }
addr=$ADDR_svc
"$TMP/load" -url "http://$addr/work" -n 200 -rate 30 -for 3s 2>/dev/null &
PIDS="$PIDS $!"
"$DRIP" watch --interval 250ms --duration 8s --out "$TMP/gap" "http://$addr" >"$TMP/gap.txt" 2>"$TMP/gap.err" &
wpid=$!
PIDS="$PIDS $wpid"
sleep 3
kill -9 "$PID_svc"
sleep 1.5
start_service retain svc2 "$addr" || fail watch/gap-restart-service "could not listen on $addr again"
wait "$wpid"
rc=$?
case $rc in
0 | 1) pass watch/gap-exit-status ;;
*) fail watch/gap-exit-status "status $rc: $(tail -n 3 "$TMP/gap.err")" ;;
esac
grep -q "	gap	-	poll failed: " "$TMP/gap/index.tsv" && pass watch/gap-recorded ||
    fail watch/gap-recorded "$(cat "$TMP/gap/index.tsv" | tail -n 5)"
grep -q "	restart	-	service restarted" "$TMP/gap/index.tsv" && pass watch/restart-recorded ||
    fail watch/restart-recorded "$(grep -v '	heap	\|	goroutine	' "$TMP/gap/index.tsv")"
# Watching went on after the gap: a heap snapshot follows the last gap.
last_gap=$(grep -n "	gap	" "$TMP/gap/index.tsv" | tail -n 1 | cut -d: -f1)
after=$(tail -n +"${last_gap:-999999}" "$TMP/gap/index.tsv" | grep -c "	heap	")
[ "${after:-0}" -ge 3 ] && pass watch/goes-on-after-gap || fail watch/goes-on-after-gap "$after heap snapshots after the gap"
grep -q "restart at +" "$TMP/gap.txt" && grep -q "gap \(at\|from\) +" "$TMP/gap.txt" && pass watch/gap-in-verdict ||
    fail watch/gap-in-verdict "$(head -n 5 "$TMP/gap.txt")"
grep -q 'class="restart"' "$TMP/gap/report.html" && pass watch/gap-in-html || fail watch/gap-in-html "no restart mark"

# 2. SIGINT ends the watch gracefully: verdict printed and written.
start_service stable calm || { fail watch/sigint-start "no address"; exit 0; }
interrupted_watch() {
    rm -rf "$TMP/int"
    "$DRIP" watch --interval 200ms --out "$TMP/int" "http://$ADDR_calm" >"$TMP/int.txt" 2>"$TMP/int.err" &
    wpid=$!
    PIDS="$PIDS $wpid"
    sleep 2.5
    kill -INT "$wpid"
    wait "$wpid"
    rc=$?
}
interrupted_watch
# Under the sanitizers, LeakSanitizer itself can fail to stop the threads
# of a process that is exiting on a loaded machine ("LeakSanitizer has
# encountered a fatal error"): that is the tool, not drip; run it again.
if [ "$rc" != 0 ] && grep -q "LeakSanitizer has encountered a fatal error" "$TMP/int.err"; then
    echo "# LeakSanitizer failed on its own (not a leak report); running the interrupted watch again"
    interrupted_watch
fi
[ "$rc" = 0 ] && pass watch/sigint-exit-0 || fail watch/sigint-exit-0 "status $rc: $(tail -n 3 "$TMP/int.err")"
grep -q "interrupted; judging the" "$TMP/int.err" && grep -q "no leak found" "$TMP/int.txt" &&
    [ -s "$TMP/int/report.html" ] && [ -s "$TMP/int/verdict.txt" ] && pass watch/sigint-verdict ||
    fail watch/sigint-verdict "$(cat "$TMP/int.err" "$TMP/int.txt" | tail -n 5)"

# The live view shows on a terminal only.
if grep -q "$(printf '\033')" "$TMP/int.err"; then
    fail watch/no-progress-off-tty "escape sequences on a non-terminal stderr"
else
    pass watch/no-progress-off-tty
fi
if command -v script >/dev/null 2>&1; then
    script -qc "'$DRIP' watch --interval 200ms --duration 1.5s --out '$TMP/tty' 'http://$ADDR_calm'" "$TMP/tty.log" >/dev/null 2>&1
    tr '\r' '\n' <"$TMP/tty.log" | grep -q "^.*\[[0-9]*s\] [0-9]* snapshots, 0 gaps | verdict in ~[0-9]*s (at 8) | goroutines [0-9]* | heap " &&
        pass watch/progress-on-tty || fail watch/progress-on-tty "$(tr '\r' '\n' <"$TMP/tty.log" | head -n 4)"
fi

# 3. Corrupt responses are gaps with a clear reason, never a crash.
start_service corrupt bad || { fail watch/corrupt-start "no address"; exit 0; }
"$DRIP" watch --interval 200ms --duration 1s --out "$TMP/bad" "http://$ADDR_bad" >"$TMP/bad.txt" 2>"$TMP/bad.err"
rc=$?
[ "$rc" = 2 ] && pass watch/corrupt-exit-2 || fail watch/corrupt-exit-2 "status $rc"
grep -q "no snapshot could be taken" "$TMP/bad.err" && pass watch/corrupt-no-snapshot ||
    fail watch/corrupt-no-snapshot "$(tail -n 3 "$TMP/bad.err")"
grep -q "goroutine: unreadable profile from .*: corrupt profile at byte\|goroutine: unreadable profile from .*: truncated gzip data" "$TMP/bad/index.tsv" &&
    pass watch/corrupt-reason || fail watch/corrupt-reason "$(grep gap "$TMP/bad/index.tsv" | head -n 2)"

# 4. Nothing listening: a clear error, status 2.
"$DRIP" watch --interval 200ms --duration 1s --timeout 1s --out "$TMP/none" "http://127.0.0.1:1" >"$TMP/none.txt" 2>"$TMP/none.err"
rc=$?
[ "$rc" = 2 ] && grep -q "drip: error: no snapshot could be taken from http://127.0.0.1:1: .*refused\|drip: error: no snapshot could be taken from http://127.0.0.1:1: .*connect" "$TMP/none.err" &&
    pass watch/unreachable || fail watch/unreachable "status $rc: $(cat "$TMP/none.err")"

# 5. Usage errors.
"$DRIP" watch --interval 10xs http://127.0.0.1:1 >/dev/null 2>"$TMP/u.err"
[ $? = 2 ] && grep -q "interval '10xs' is not a duration" "$TMP/u.err" && pass watch/bad-interval || fail watch/bad-interval "$(cat "$TMP/u.err")"
"$DRIP" watch --header nocolon --duration 1s http://127.0.0.1:1 >/dev/null 2>"$TMP/u.err"
[ $? = 2 ] && grep -q "has no ':'" "$TMP/u.err" && pass watch/bad-header || fail watch/bad-header "$(cat "$TMP/u.err")"
mkdir -p "$TMP/again" && : >"$TMP/again/index.tsv"
"$DRIP" watch --duration 1s --out "$TMP/again" http://127.0.0.1:1 >/dev/null 2>"$TMP/u.err"
[ $? = 2 ] && grep -q "already holds a watch" "$TMP/u.err" && pass watch/out-not-overwritten || fail watch/out-not-overwritten "$(cat "$TMP/u.err")"
"$DRIP" report "$TMP/nowhere" >/dev/null 2>"$TMP/u.err"
[ $? = 2 ] && grep -q "cannot open '$TMP/nowhere/index.tsv'" "$TMP/u.err" && pass report/missing-dir || fail report/missing-dir "$(cat "$TMP/u.err")"
