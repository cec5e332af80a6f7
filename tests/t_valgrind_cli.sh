# t_valgrind_cli.sh - every subcommand is clean under valgrind (memcheck,
# leaks included) on the bundled examples: a leak finder must not leak.
# (drip goroutines and drip parse have their own, wider valgrind tests.)
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
    fail valgrind-cli/installed "valgrind is missing: apt-get install valgrind"
    exit 0
fi
# valgrind cannot run an AddressSanitizer build: use the default build then.
VG_DRIP=$DRIP
if grep -q __asan_init "$DRIP" 2>/dev/null; then
    VG_DRIP=$ROOT/drip
    [ -x "$VG_DRIP" ] || make -C "$ROOT" -s drip >/dev/null 2>&1
fi
EX=$ROOT/examples
P=$EX/profiles/leaky.heap.pb.gz
vg() {
    name=$1; shift
    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
        "$VG_DRIP" "$@" >"$TMP/out" 2>"$TMP/vg"
    rc=$?
    if [ $rc = 99 ] || grep -q '==[0-9]*==' "$TMP/vg"; then
        fail "valgrind-cli/$name" "$(grep '==[0-9]*==' "$TMP/vg" | head -n 5)"
    elif [ $rc -gt 2 ]; then
        fail "valgrind-cli/$name" "exit status $rc: $(tail -n 3 "$TMP/vg")"
    else
        pass "valgrind-cli/$name"
    fi
}
cd "$ROOT" || exit 1
vg check-text check -c 1 examples/leaky/...
vg check-json check --format json examples/leaky/...
vg check-sarif check --format sarif examples/leaky/...
vg check-list check --list
vg explain explain defer-in-loop
vg heap heap "$P"
vg heap-json heap --format json "$P"
vg heap-base heap --base "$P" "$P"
vg heap-missing heap "$TMP/missing.pb.gz"
vg goroutines-example goroutines examples/dumps/leaky.txt
vg parse-ast parse -ast examples/leaky/main.go
