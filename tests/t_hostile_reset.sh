# t_hostile_reset.sh - a connection reset during a poll (before the
# response or in the middle of its body) is reported as a reset, not as a
# timeout, and the watch still ends with an
# error naming the service (exit 2: no snapshot could be taken).
. "$(dirname "$0")/lib.sh"

if ! (cd "$ROOT/tests/pprof/resetsrv" && go build -o "$TMP/resetsrv" .) >"$TMP/build.log" 2>&1; then
    fail hostile-reset/build "$(tail -n 3 "$TMP/build.log")"
    exit 0
fi
# before the response, and in the middle of its body
for mode in start mid; do
flag=
[ $mode = mid ] && flag=-mid
rm -f "$TMP/addr"; rm -rf "$TMP/w"
"$TMP/resetsrv" $flag -life 20s >"$TMP/addr" 2>&1 &
pid=$!
i=0
while [ ! -s "$TMP/addr" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
addr=$(head -n 1 "$TMP/addr")
timeout 30 "$DRIP" watch --interval 300ms --duration 1s --out "$TMP/w" "http://$addr" >"$TMP/out" 2>"$TMP/err"
rc=$?
kill $pid 2>/dev/null
wait $pid 2>/dev/null
grep -qi 'connection reset by peer' "$TMP/err" && ! grep -qi 'timed\? \?out' "$TMP/err" &&
    pass hostile-reset/$mode/named || fail hostile-reset/$mode/named "$(head -n 3 "$TMP/err")"
grep -qi 'gap.*connection reset by peer' "$TMP/w/index.tsv" && pass hostile-reset/$mode/logged-as-gap ||
    fail hostile-reset/$mode/logged-as-gap "$(grep -v '^#' "$TMP/w/index.tsv" | head -n 2)"
[ $rc = 2 ] && grep -q "no snapshot could be taken from http://$addr" "$TMP/err" && pass hostile-reset/$mode/exit-2 ||
    fail hostile-reset/$mode/exit-2 "exit $rc: $(tail -n 1 "$TMP/err")"
done
