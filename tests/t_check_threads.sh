# t_check_threads.sh - drip check with more worker threads than cores on a
# program built to make packages meet across threads: one big package
# declaring package-level mutexes and channels (of named types, aliases,
# initialized or not), and many small ones locking them and sending on
# them. Each small package's rules ask about the big package's variables
# while the big package's rules run on another thread; a write into the
# big package's memo from there (a race that grew its maps on two threads
# at once) aborted now and then with a double free. Many runs: none may
# crash, and every one finds exactly what a one-thread run finds.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/m/big"
printf 'module threads.test\n\ngo 1.19\n' >"$TMP/m/go.mod"
{
    echo 'package big'
    echo 'import "sync"'
    i=1
    while [ $i -le 40 ]; do
        echo "type M$i = sync.Mutex"
        echo "type Q$i chan int"
        echo "var Mu$i M$i"
        echo "var RW$i sync.RWMutex"
        echo "var Ch$i Q$i"
        echo "var Cx$i = make(Q$i)"
        i=$((i + 1))
    done
    i=1
    while [ $i -le 2000 ]; do
        echo "type T$i struct{ mu sync.Mutex; n int }"
        echo "func (t *T$i) F() int { t.mu.Lock(); defer t.mu.Unlock(); ch := make(chan int, 1); ch <- t.n; return <-ch }"
        i=$((i + 1))
    done
} >"$TMP/m/big/big.go"
i=1
while [ $i -le 40 ]; do
    mkdir -p "$TMP/m/p$i"
    cat >"$TMP/m/p$i/p.go" <<EOF2
package p$i

import "threads.test/big"

var n int

func Send() { <-big.Ch$i; <-big.Cx$i; big.Ch$i <- 1 }

func Lock() {
	big.Mu$i.Lock()
	big.RW$i.RLock()
	n++
	big.RW$i.RUnlock()
	big.Mu$i.Lock() // locked twice: a finding
}
EOF2
    i=$((i + 1))
done

cd "$TMP/m" || exit 1
DRIP_THREADS=1 "$DRIP" check ./... >"$TMP/one.out" 2>"$TMP/one.err"
rc=$?
if [ "$rc" = 1 ] && [ "$(grep -c '(double-lock)' "$TMP/one.out")" = 40 ]; then
    pass "check-threads/one-thread"
else
    fail "check-threads/one-thread" "exit $rc, $(grep -c '(double-lock)' "$TMP/one.out") double-lock findings, want 40: $(head -n 3 "$TMP/one.err")"
fi

# about 0.1 s a run; fewer under the sanitizers, which are slower
runs=60
[ -n "${DRIP_SANITIZE:-}" ] && runs=8
k=0 crashed=0 differ=0
while [ $k -lt $runs ]; do
    DRIP_THREADS=8 "$DRIP" check ./... >"$TMP/many.out" 2>"$TMP/many.err"
    rc=$?
    if [ "$rc" != 1 ]; then
        crashed=$((crashed + 1))
        cp "$TMP/many.err" "$TMP/crash.err"
    elif ! cmp -s "$TMP/one.out" "$TMP/many.out"; then
        differ=$((differ + 1))
    fi
    k=$((k + 1))
done
if [ $crashed = 0 ]; then
    pass "check-threads/no-crash"
else
    fail "check-threads/no-crash" "$crashed of $runs runs with 8 threads failed: $(head -n 2 "$TMP/crash.err")"
fi
if [ $differ = 0 ]; then
    pass "check-threads/same-findings"
else
    fail "check-threads/same-findings" "$differ of $runs runs with 8 threads found other things than one thread"
fi
