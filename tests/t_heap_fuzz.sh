# t_heap_fuzz.sh - a 60-second libFuzzer run of the pprof decoder (raw and
# gzip paths, then the heap and watch summaries) under ASan and UBSan,
# seeded with real profiles written by a Go program and a string-table
# bomb; inputs up to 2 MiB, bounded by the budget, not a length cap.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/hostile_lib.sh"
# The fuzzers are ASan+UBSan builds whatever the pass: under `make
# sanitize` they would only run again, so they run in the plain pass only.
if [ -n "${DRIP_SANITIZE:-}" ]; then
    skip heap/fuzz "the fuzzers are ASan+UBSan builds already and ran in the plain pass"
    exit 0
fi

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
strtab_bomb 4194304 "$TMP/bomb.gz" # 8 MB inflated, over the harness's 4 MiB budget
(printf '\0'; cat "$TMP/bomb.gz") >"$TMP/corpus/bomb"
(printf '\0'; cat "$ROOT/testdata/hostile/huge_values.pb.gz") >"$TMP/corpus/huge"
"$ROOT/build-fuzz/fuzz_pprof" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=2097152 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$TMP/" "$TMP/corpus" >"$TMP/fuzz.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -q "^Done [0-9]* runs" "$TMP/fuzz.log"; then
    pass "heap/fuzz-${FUZZ_SECONDS:-60}s ($(grep -o '^Done [0-9]* runs' "$TMP/fuzz.log"))"
else
    fail heap/fuzz-${FUZZ_SECONDS:-60}s "status $rc: $(grep -m3 'ERROR\|SUMMARY\|==' "$TMP/fuzz.log")"
fi
