#!/bin/sh
# run.sh [FILTER] - runs the C unit tests and every tests/t_*.sh script
# (those whose name contains FILTER, if given) and ends with the line
# "N passed, N failed, N skipped". Exits 1 if anything failed. A check that
# cannot run here (no such Go toolchain, say) prints "SKIP name: why" and
# counts as skipped, never as passed.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
filter=${1:-}
log=$(mktemp)
passed=0
failed=0
skipped=0
run_one() {
    name=$1; shift
    start=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(grep -c '^PASS ' "$log")
    f=$(grep -c '^FAIL ' "$log")
    s=$(grep -c '^SKIP ' "$log")
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL $name: exited with status $rc"
        f=1
    fi
    if [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$s" = 0 ]; then
        echo "FAIL $name: ran no check"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    echo "== $name: $p passed, $f failed, $s skipped ($(( $(date +%s) - start ))s)"
}
for u in "$BUILD"/unit/*; do
    [ -x "$u" ] || continue
    case "$u" in *"$filter"*) ;; *) continue ;; esac
    run_one "$(basename "$u")" "$u"
done
for t in "$ROOT"/tests/t_*.sh; do
    [ -f "$t" ] || continue
    case "$t" in *"$filter"*) ;; *) continue ;; esac
    # The compiler-warning build is the same under sanitizers: run it once.
    case "$t" in *t_build.sh) [ -n "${DRIP_SANITIZE:-}" ] && continue ;; esac
    run_one "$(basename "$t" .sh)" sh "$t"
done
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
