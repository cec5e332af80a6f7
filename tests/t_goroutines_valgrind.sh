# t_goroutines_valgrind.sh - drip goroutines is clean under valgrind
# (memcheck, leaks included) on fixtures in every output format and with
# a diff.
. "$(dirname "$0")/lib.sh"
D=$ROOT/testdata/goroutines
if ! command -v valgrind >/dev/null 2>&1; then
    fail goroutines-valgrind/installed "valgrind is missing: apt-get install valgrind"
    exit 0
fi
# valgrind cannot run an AddressSanitizer build (make sanitize): use the
# default build then
VG_DRIP=$DRIP
if grep -q __asan_init "$DRIP" 2>/dev/null; then
    VG_DRIP=$ROOT/drip
    [ -x "$VG_DRIP" ] || make -C "$ROOT" -s drip >/dev/null 2>&1
fi
i=0
for args in "$D/go117_sigquit.txt" "-f json $D/go121_stack.txt $D/go117_sigquit.txt" \
    "-f html $D/malformed.txt" "--args -v $D/debug1_labels.txt" "--base $D/ancestors.txt $D/go126_leaked.txt" \
    "--by-label request -f json $D/go127_leak2.txt" "-f html --by-label handler $D/go127_leak1.txt" \
    "$TMP/missing.txt"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$VG_DRIP" goroutines $args \
        >/dev/null 2>"$TMP/vg$i.txt"
    rc=$?
    if [ $rc = 99 ] || grep -q '==[0-9]*==' "$TMP/vg$i.txt"; then
        fail "goroutines-valgrind/run$i" "$(grep '==[0-9]*==' "$TMP/vg$i.txt" | head -n 5)"
    else
        pass "goroutines-valgrind/run$i"
    fi
done
