# t_heap_fuzz.sh - a 30-second libFuzzer run of the pprof decoder (raw and
# gzip paths, then the heap and watch summaries) under ASan and UBSan,
# seeded with real profiles written by a Go program.
. "$(dirname "$0")/lib.sh"

if ! (cd "$ROOT/tests/pprof/heapgen" && go build -o "$TMP/heapgen" .) >"$TMP/build.log" 2>&1; then
    fail heap/fuzz-seeds "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
# Rebuild the fuzzer so it fuzzes the current sources.
rm -f "$ROOT/build-fuzz/fuzz_pprof"
if ! make -C "$ROOT" -s build-fuzz/fuzz_pprof >"$TMP/fuzz-build.log" 2>&1; then
    fail heap/fuzz-build "$(grep -m3 error "$TMP/fuzz-build.log")"
    exit 0
fi
mkdir -p "$TMP/p" "$TMP/corpus"
"$TMP/heapgen" -out "$TMP/p" -stacks 30 -blocked 3
# The first byte picks the path: 0 as is, 1 gzip-wrapped by the target.
for f in heap.pb.gz goroutine.pb.gz; do
    (printf '\0'; cat "$TMP/p/$f") >"$TMP/corpus/as-is-$f"
    (printf '\0'; gzip -dc "$TMP/p/$f") >"$TMP/corpus/raw-$f"
    (printf '\1'; gzip -dc "$TMP/p/$f") >"$TMP/corpus/wrapped-$f"
done
(printf '\0'; head -c 4000 "$TMP/p/heap.txt") >"$TMP/corpus/legacy.txt"
"$ROOT/build-fuzz/fuzz_pprof" -max_total_time=30 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$TMP/" "$TMP/corpus" >"$TMP/fuzz.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -q "^Done [0-9]* runs" "$TMP/fuzz.log"; then
    pass "heap/fuzz-30s ($(grep -o '^Done [0-9]* runs' "$TMP/fuzz.log"))"
else
    fail heap/fuzz-30s "status $rc: $(grep -m3 'ERROR\|SUMMARY\|==' "$TMP/fuzz.log")"
fi
