# t_check_real.sh - what the rules claim happens: real Go programs with the
# leaky pattern leak goroutines when run, the fixed versions do not, and
# drip check flags exactly the leaky ones.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/leaky" "$TMP/fixed"
cat >"$TMP/leaky/main.go" <<'EOF2'
package main

import (
	"fmt"
	"runtime"
	"time"
)

func worker(exit, jobs chan int) {
	go func() {
		for {
			select {
			case <-exit:
				// return
			case j := <-jobs:
				_ = j
			}
		}
	}()
}

func fetch() {
	var results chan int
	go func() {
		results <- 42
	}()
}

func main() {
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		exit, jobs := make(chan int), make(chan int)
		worker(exit, jobs)
		close(exit)
		fetch()
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine() - before)
}
EOF2
cat >"$TMP/fixed/main.go" <<'EOF2'
package main

import (
	"fmt"
	"runtime"
	"time"
)

func worker(exit, jobs chan int) {
	go func() {
		for {
			select {
			case <-exit:
				return
			case j := <-jobs:
				_ = j
			}
		}
	}()
}

func fetch() {
	results := make(chan int, 1)
	go func() {
		results <- 42
	}()
}

func main() {
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		exit, jobs := make(chan int), make(chan int)
		worker(exit, jobs)
		close(exit)
		fetch()
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine() - before)
}
EOF2
for v in leaky fixed; do
    if ! (cd "$TMP/$v" && GO111MODULE=off GOCACHE="$TMP/gocache" go build -o prog main.go) >"$TMP/$v.log" 2>&1; then
        fail "check-real/$v-builds" "$(head -n 3 "$TMP/$v.log")"
        continue
    fi
    grown=$("$TMP/$v/prog")
    echo "$v: $grown goroutines left behind"
    if [ "$v" = leaky ]; then
        [ "$grown" -ge 200 ] && pass "check-real/leaky-leaks" || fail "check-real/leaky-leaks" "only $grown goroutines left"
    else
        [ "$grown" -lt 5 ] && pass "check-real/fixed-does-not-leak" || fail "check-real/fixed-does-not-leak" "$grown goroutines left"
    fi
done
out=$("$DRIP" check "$TMP/leaky/main.go"); rc=$?
echo "$out" | grep -q 'main.go:10:2: goroutine never exits' && echo "$out" | grep -q "main.go:25:3: send on nil channel 'results'" &&
    [ "$rc" = 1 ] && pass "check-real/leaky-flagged" || fail "check-real/leaky-flagged" "rc=$rc $out"
out=$("$DRIP" check "$TMP/fixed/main.go"); rc=$?
[ "$rc" = 0 ] && [ -z "$out" ] && pass "check-real/fixed-silent" || fail "check-real/fixed-silent" "rc=$rc $out"
