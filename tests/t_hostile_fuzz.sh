# t_hostile_fuzz.sh - the harnesses of issue 14, point 8, for 60 s each,
# side by side: the watch directory reader (drip report DIR, with profile
# bombs among the seeds) and go.mod / build-constraint reading. No length
# cap hides a bomb: inputs up to 2 MiB (the issue's largest bomb), bounded
# by the resource budget instead.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/hostile_lib.sh"
# The harnesses are built with ASan and UBSan whatever the pass: under
# `make sanitize` they would only run again.
if [ -n "${DRIP_SANITIZE:-}" ]; then
    skip hostile-fuzz "the fuzzers are ASan+UBSan builds already and ran in the plain pass"
    exit 0
fi
secs=${DRIP_FUZZ_SECONDS:-60}
if ! command -v clang >/dev/null 2>&1; then
    fail hostile-fuzz/build "clang is not installed"
    exit 0
fi
rm -f "$ROOT/build-fuzz/fuzz_watchdir" "$ROOT/build-fuzz/fuzz_gomod"
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$ROOT" -s build-fuzz/fuzz_watchdir build-fuzz/fuzz_gomod >"$TMP/build.log" 2>&1; then
    fail hostile-fuzz/build "$(grep -m3 -E 'error|warning' "$TMP/build.log")"
    exit 0
fi
pass hostile-fuzz/build

# Seeds: watch directories (index, then snapshots after each "\n==\n").
mkdir -p "$TMP/wd" "$TMP/gm"
legacy_heap 3 | gzip >"$TMP/h3.gz"
legacy_heap 5 | gzip >"$TMP/h5.gz"
strtab_bomb 4194304 "$TMP/bomb.gz" # 8 MB inflated: over the harness's 4 MiB budget
idx() {
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    printf '1\t1700000001.000\theap\t000001-heap.pb.gz\t\n1\t1700000001.000\tgoroutine\t000001-goroutine.pb.gz\t\n'
    printf '2\t1700000002.000\theap\t000002-heap.pb.gz\t\n2\t1700000002.500\tgap\t-\tpoll failed: x\n'
    printf '3\t1700000003.000\theap\t000003-heap.pb.gz\t\n4\t1700000004.000\trestart\t-\t\n'
}
{ idx; printf '\n==\n'; cat "$TMP/h3.gz"; printf '\n==\n'; cat "$ROOT/testdata/hostile/inject_goroutine.pb.gz"; printf '\n==\n'; cat "$TMP/h5.gz"; } >"$TMP/wd/plain"
{ idx; printf '\n==\n'; cat "$TMP/bomb.gz"; printf '\n==\n\n==\n'; cat "$ROOT/testdata/hostile/huge_values.pb.gz"; } >"$TMP/wd/bomb"
{ idx; printf '\n==\n'; cat "$ROOT/testdata/hostile/leg_trunc_400.txt"; printf '\n==\n\n==\n'; cat "$ROOT/testdata/hostile/inject_heap.pb.gz"; } >"$TMP/wd/partial"
# Seeds: go.mod, then a Go file's header.
printf 'module example.com/m\n\ngo 1.21\n\nrequire (\n\tgolang.org/x/sys v0.1.0 // indirect\n)\n\n==\n//go:build linux && (amd64 || arm64) && !purego\n// +build linux,amd64 !purego\n\npackage m\n' >"$TMP/gm/a"
printf 'module "quoted/path" // comment\ngo 1.22.3\ntoolchain go1.23.1\n\n==\n// +build ignore\n\n/* block */ package main\n' >"$TMP/gm/b"
printf 'module\n==\n//go:build (((a\npackage\n' >"$TMP/gm/c"

run_fuzzer() {
    name=$1 corpus=$2
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$ROOT/build-fuzz/$name" -max_total_time="$secs" -max_len=2097152 \
        -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$TMP/$name-" -print_final_stats=1 "$corpus" >"$TMP/$name.log" 2>&1
    echo $? >"$TMP/$name.rc"
}
(cd "$TMP" && run_fuzzer fuzz_watchdir "$TMP/wd") &
(cd "$TMP" && run_fuzzer fuzz_gomod "$TMP/gm") &
wait
for name in fuzz_watchdir fuzz_gomod; do
    rc=$(cat "$TMP/$name.rc")
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TMP/$name.log" | grep -o '[0-9]*$')
    echo "$name: ${runs:-0} runs in ${secs}s"
    if [ "$rc" = 0 ] && [ "${runs:-0}" -gt 0 ]; then
        pass "hostile-fuzz/$name-${secs}s"
    else
        fail "hostile-fuzz/$name-${secs}s" "exit $rc: $(grep -m5 -E 'ERROR|SUMMARY|runtime error|BUG' "$TMP/$name.log")"
        ls "$TMP/$name-"* 2>/dev/null | head -n 3
    fi
done
