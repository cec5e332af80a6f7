# t_goroutines_fuzz.sh - runs the goroutine dump reader's libFuzzer harness
# (fuzz/fuzz_dump.c, built with ASan and UBSan) for 60 seconds,
# seeded with the fixtures and the dumps of the tests; passes when nothing
# crashed.
. "$(dirname "$0")/lib.sh"
# The fuzzers are ASan+UBSan builds whatever the pass: under `make
# sanitize` they would only run again, so they run in the plain pass only.
if [ -n "${DRIP_SANITIZE:-}" ]; then
    skip goroutines-fuzz "the fuzzers are ASan+UBSan builds already and ran in the plain pass"
    exit 0
fi
secs=${FUZZ_SECONDS:-60}
# The fuzz build replaces CFLAGS (-MMD included), so its objects do not
# follow header changes: rebuild this area's objects every time.
rm -f "$ROOT/build-fuzz/fuzz_dump" "$ROOT/build-fuzz/libdrip.a" "$ROOT"/build-fuzz/src/dump/dump_*.o \
    "$ROOT"/build-fuzz/src/dump/classify.o "$ROOT"/build-fuzz/src/report/report_goroutines*.o \
    "$ROOT"/build-fuzz/src/cli/cmd_goroutines.o "$ROOT"/build-fuzz/src/util/*.o
if ! make -C "$ROOT" -s build-fuzz/fuzz_dump >"$TMP/build.log" 2>&1; then
    fail goroutines-fuzz/build "$(grep -m3 -E 'error|warning' "$TMP/build.log")"
    exit 0
fi
pass goroutines-fuzz/build
mkdir -p "$TMP/corpus"
for f in "$ROOT"/testdata/goroutines/*; do [ -f "$f" ] && cp "$f" "$TMP/corpus/"; done
# a gzip seed: the reader of buffers must not take it for text stacks
gzip -c "$ROOT/testdata/goroutines/go121_stack.txt" >"$TMP/corpus/gz"
cd "$TMP" || exit 1
if "$ROOT/build-fuzz/fuzz_dump" -max_total_time="$secs" -max_len=2097152 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$TMP/corpus" >"$TMP/fuzz.log" 2>&1; then
    pass goroutines-fuzz/no-crash
    grep -m1 'stat::number_of_executed_units' "$TMP/fuzz.log" | sed 's/^/# /'
else
    fail goroutines-fuzz/no-crash "$(grep -m5 -E 'ERROR|SUMMARY|panic|BUG' "$TMP/fuzz.log")"
    ls "$TMP"/crash-* 2>/dev/null | head -n 3
fi
