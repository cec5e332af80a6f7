# t_check_valgrind.sh - drip check frees what it allocates and reads no
# uninitialized memory: every rule's testdata, all flags that allocate,
# under valgrind.
. "$(dirname "$0")/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
    fail "check-valgrind/available" "valgrind is not installed (scripts/deps.sh test installs it)"
    exit 0
fi
# valgrind cannot run a sanitizer build: under `make sanitize` check the
# plain build (ASan covers the sanitizer one).
VG_DRIP=$DRIP
if nm "$DRIP" 2>/dev/null | grep -q __asan_init; then
    VG_DRIP=$ROOT/drip
fi
"$VG_DRIP" check --list >/dev/null 2>&1 || { fail "check-valgrind/drip" "$VG_DRIP check --list failed"; exit 0; }
valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    "$VG_DRIP" check -c 1 --report-unused-ignores --tags a,b "$ROOT"/testdata/src/* >/dev/null 2>"$TMP/vg"
rc=$?
if [ "$rc" = 1 ] && grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg"; then
    pass "check-valgrind/clean"
else
    fail "check-valgrind/clean" "exit $rc: $(grep -E 'ERROR SUMMARY|definitely|Invalid|uninitialised' "$TMP/vg" | head -n 5)"
fi
for fmt in json sarif github; do
    valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
        "$VG_DRIP" check --format "$fmt" "$ROOT"/testdata/src/lost-cancel >/dev/null 2>"$TMP/vg"
    rc=$?
    [ "$rc" = 1 ] && grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg" && pass "check-valgrind/$fmt" || fail "check-valgrind/$fmt" "exit $rc: $(grep 'ERROR SUMMARY' "$TMP/vg")"
done
