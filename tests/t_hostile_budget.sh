# t_hostile_budget.sh - memory bombs (issue 14, point 1): a profile whose
# string table inflates to hundreds of millions of strings, a file or
# device without end, an HTTP response without end. Each is refused with
# an error naming the input and the limit, exit 2 (or a gap, for watch and
# report, where every other snapshot is still used), and peak memory stays
# under 300 MB.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/hostile_lib.sh"
HD=$ROOT/testdata/hostile
# Peak memory bounds; AddressSanitizer's shadow memory and quarantine
# multiply a process's RSS, so under `make sanitize` they are 4 times
# larger (the plain run checks the real figures).
X=1
[ -n "${DRIP_SANITIZE:-}" ] && X=4
MAX_KB=$((307200 * X))

# 64 M empty strings: 128 MB inflated from about 130 kB (main took 1.6 GB).
strtab_bomb 67108864 "$TMP/bomb.pb.gz"
measure "$TMP/h" "$DRIP" heap "$TMP/bomb.pb.gz"
if [ "$RC" = 2 ] && grep -q "$TMP/bomb.pb.gz: gzip data inflates to more than 64 MiB, the limit for [0-9]* bytes of input" "$TMP/h.err" &&
    [ "$RSS_KB" -lt $MAX_KB ]; then
    pass budget/heap-strtab-bomb
else
    fail budget/heap-strtab-bomb "status $RC, ${RSS_KB} kB, ${SECS}s: $(head -c 300 "$TMP/h.err")"
fi
echo "budget/heap-strtab-bomb: peak ${RSS_KB} kB, ${SECS}s"

# The same bomb uncompressed, under a lowered --max-memory: the decoder
# charges the string table before allocating it.
python3 -c 'import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read(13 + (40 << 20)))' "$TMP/bomb.pb.gz" >"$TMP/raw.pb"
measure "$TMP/r" "$DRIP" heap --max-memory 100M "$TMP/raw.pb"
[ "$RC" = 2 ] && grep -q "$TMP/raw.pb: profile needs more memory than --max-memory 100 MiB allows ([0-9]* strings)" "$TMP/r.err" &&
    [ "$RSS_KB" -lt $((204800 * X)) ] && pass budget/raw-strtab-max-memory ||
    fail budget/raw-strtab-max-memory "status $RC, ${RSS_KB} kB: $(head -c 300 "$TMP/r.err")"
# ... and with the default budget it is a valid, if odd, profile.
"$DRIP" heap "$TMP/raw.pb" >"$TMP/r2.out" 2>&1
[ $? = 0 ] && pass budget/raw-strtab-within-default || fail budget/raw-strtab-within-default "$(head -c 300 "$TMP/r2.out")"

# A device without end, named on the command line: read up to the budget.
measure "$TMP/z" "$DRIP" heap --max-memory 32M /dev/zero
[ "$RC" = 2 ] && grep -q "cannot open '/dev/zero': larger than --max-memory 32 MiB" "$TMP/z.err" && [ "$RSS_KB" -lt $((102400 * X)) ] &&
    pass budget/endless-device || fail budget/endless-device "status $RC, ${RSS_KB} kB: $(head -c 300 "$TMP/z.err")"

# drip report: the bomb is one snapshot among good ones; it becomes a gap
# and the rest is judged.
D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        f=$(printf '%06d-heap.pb.gz' $i)
        if [ $i = 6 ]; then cp "$TMP/bomb.pb.gz" "$D/$f"; else legacy_heap $i | gzip >"$D/$f"; fi
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
    done
} >"$D/index.tsv"
measure "$TMP/rep" "$DRIP" report --no-files "$D"
grep -q "000006-heap.pb.gz: gzip data inflates to more than 64 MiB.*; counted as a gap" "$TMP/rep.err" &&
    grep -q "11 snapshots" "$TMP/rep.out" && grep -q "/app/grow.go:7: heap leak" "$TMP/rep.out" && [ "$RC" = 1 ] &&
    [ "$RSS_KB" -lt $MAX_KB ] && pass budget/report-bomb-snapshot ||
    fail budget/report-bomb-snapshot "status $RC, ${RSS_KB} kB: $(head -c 300 "$TMP/rep.err") $(head -c 300 "$TMP/rep.out")"
echo "budget/report-bomb-snapshot: peak ${RSS_KB} kB, ${SECS}s"

# drip watch against a service that serves the bomb as its heap profile,
# and one whose heap response never ends.
if ! command -v go >/dev/null 2>&1 || ! build_hostile_server; then
    fail budget/build-server "$(tail -n 5 "$TMP/build.log" 2>/dev/null)"
    exit 0
fi
mkdir -p "$TMP/srv"
cp "$HD/inject_goroutine.pb.gz" "$TMP/srv/goroutine"
cp "$TMP/bomb.pb.gz" "$TMP/srv/heap"
start_hostile bomb 127.0.0.1:0 -dir "$TMP/srv" || { fail budget/server-start "no address"; exit 0; }
measure "$TMP/wb" "$DRIP" watch --interval 200ms --duration 1.5s --out "$TMP/wb.d" "http://$ADDR_bomb"
g=$(grep -c "	goroutine	" "$TMP/wb.d/index.tsv" 2>/dev/null)
grep -q "gap	-	poll incomplete: heap: unreadable profile from http://$ADDR_bomb/debug/pprof/heap?gc=1: gzip data inflates to more than 64 MiB" "$TMP/wb.d/index.tsv" &&
    [ "${g:-0}" -ge 3 ] && [ "$RSS_KB" -lt $MAX_KB ] && pass budget/watch-bomb ||
    fail budget/watch-bomb "status $RC, ${RSS_KB} kB, ${g:-0} goroutine snapshots: $(grep gap "$TMP/wb.d/index.tsv" | head -n 1)"
echo "budget/watch-bomb: peak ${RSS_KB} kB, ${SECS}s"
ls "$TMP/wb.d" | grep -q 'heap' && fail budget/watch-bomb-not-kept "a refused heap snapshot was kept: $(ls "$TMP/wb.d")" ||
    pass budget/watch-bomb-not-kept

# 300 MiB of heap body: over the default --max-response of 256 MiB. The
# body goes to disk as it comes, so memory stays small either way.
start_hostile big 127.0.0.1:0 -dir "$TMP/srv" -big 314572800 || { fail budget/server-start "no address"; exit 0; }
measure "$TMP/wr" "$DRIP" watch --interval 5s --duration 4s --timeout 20s --out "$TMP/wr.d" "http://$ADDR_big"
grep -q "poll incomplete: heap: response larger than 268435456 bytes (--max-response)" "$TMP/wr.d/index.tsv" &&
    [ "$RSS_KB" -lt $((102400 * X)) ] && pass budget/watch-max-response-default ||
    fail budget/watch-max-response-default "status $RC, ${RSS_KB} kB: $(grep gap "$TMP/wr.d/index.tsv" | head -n 1) $(tail -n 2 "$TMP/wr.err")"
echo "budget/watch-max-response-default: peak ${RSS_KB} kB, ${SECS}s"
measure "$TMP/wm" "$DRIP" watch --interval 5s --duration 1s --max-response 1M --out "$TMP/wm.d" "http://$ADDR_big"
grep -q "poll incomplete: heap: response larger than 1048576 bytes (--max-response)" "$TMP/wm.d/index.tsv" &&
    pass budget/watch-max-response-flag || fail budget/watch-max-response-flag "$(grep gap "$TMP/wm.d/index.tsv" | head -n 1)"
"$DRIP" watch --max-response 12Q http://127.0.0.1:1 >/dev/null 2>"$TMP/bad.err"
[ $? = 2 ] && grep -q "max-response '12Q' is not a size" "$TMP/bad.err" && pass budget/bad-size || fail budget/bad-size "$(cat "$TMP/bad.err")"
