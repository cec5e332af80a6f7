# t_goroutines_wake.sh - the blocked goroutines drip does not blame because
# the dump shows they can still go on (docs/goroutines.md), on a hand-made
# Go 1.27 dump (testdata/goroutines/go127_wake.txt): main parked in
# select {}, a chain whose last goroutine sleeps (its creator returned), a
# runtime semaphore, a lock log takes for itself; and what stays blamed: two
# goroutines blocked where only one of them has an awake child.
. "$(dirname "$0")/lib.sh"
export NO_COLOR=1
"$DRIP" goroutines --no-source "$ROOT/testdata/goroutines/go127_wake.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
has() { # NAME PATTERN
    if grep -qE -- "$2" "$TMP/out"; then pass "$1"; else fail "$1" "no '$2' in: $(head -c 600 "$TMP/out")"; fi
}
if [ $rc = 1 ]; then pass goroutines-wake/status; else fail goroutines-wake/status "exit $rc, want 1: $(head -c 200 "$TMP/err")"; fi
has goroutines-wake/one-suspect '^leak suspects \(1 place, 2 goroutines\)'
has goroutines-wake/fanout-blamed '^/src/app/fan.go:11: 2 goroutines blocked on chan receive'
has goroutines-wake/main-select-idle '^ +1 +select \(no cases\) +/src/app/main.go:30 main.main$'
has goroutines-wake/chain-not-blamed '^ +2 +chan receive +/src/app/chain.go:14 main.chain$'
has goroutines-wake/runtime-sema-not-blamed '^ +1 +semacquire +/src/app/alloc.go:5 main.alloc$'
has goroutines-wake/std-lock-not-blamed '^ +1 +mutex +/src/app/report.go:9 main.report$'
# the channel and lock waits marked (leaked) by Go's detector stay suspects
sed 's/^goroutine \([0-9]*\) \[\(chan receive\|sync.Mutex.Lock\)\]:/goroutine \1 [\2 (leaked)]:/' "$ROOT/testdata/goroutines/go127_wake.txt" >"$TMP/leaked.txt"
"$DRIP" goroutines --no-source "$TMP/leaked.txt" >"$TMP/out" 2>"$TMP/err"
has goroutines-wake/leaked-chain-blamed '^/src/app/chain.go:14: 2 goroutines blocked on chan receive'
has goroutines-wake/leaked-lock-blamed '^/src/app/report.go:9: 1 goroutine blocked on mutex'
