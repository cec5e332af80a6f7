#!/bin/sh
# explain.sh - what explaining the suspects costs drip goroutines: a real
# program of $PKGS packages (each with a goroutine leak on a channel and
# one on a mutex) runs $TOTAL goroutines spread over them and dumps them
# all (runtime.Stack, the debug=2 format); drip goroutines reads the dump
# with the explanation (the packages of the suspects' frames loaded,
# checked and asked why) and with --no-explain, side by side, best of
# $RUNS. Prints both times, the difference and the ratio. Files go to
# bench/out/explain (ignored by git).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$ROOT/drip}
PKGS=${PKGS:-200}
TOTAL=${TOTAL:-100000}
RUNS=${RUNS:-3}
OUT=$ROOT/bench/out/explain
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local
[ -x "$DRIP" ] || { echo "explain.sh: build drip first (make)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT/src"
printf 'module explainbench\n\ngo 1.19\n' >"$OUT/src/go.mod"
per=$((TOTAL / PKGS / 2))
i=0
imports=
calls=
while [ $i -lt $PKGS ]; do
    mkdir -p "$OUT/src/p$i"
    cat >"$OUT/src/p$i/p.go" <<GO
package p$i

import (
	"context"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	items map[string]int
}

func (s *Store) Put(k string) {
	s.mu.Lock()
	if s.items == nil {
		return
	}
	s.items[k]++
	s.mu.Unlock()
}

func fetch(ctx context.Context, in <-chan int) {
	if ctx.Err() != nil {
		return
	}
	<-in
}

func Leak(ctx context.Context, n int, ready *sync.WaitGroup) {
	s := &Store{}
	s.Put("a")
	for j := 0; j < n; j++ {
		ready.Add(2)
		go func() { ready.Done(); s.Put("b") }()
		c := make(chan int)
		go func() { ready.Done(); c <- 1 }()
		go fetch(ctx, c)
	}
}
GO
    imports="$imports	\"explainbench/p$i\"
"
    calls="$calls	p$i.Leak(ctx, $per, &ready)
"
    i=$((i + 1))
done
cat >"$OUT/src/main.go" <<GO
package main

import (
	"context"
	"os"
	"runtime"
	"sync"
	"time"
$imports)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ready sync.WaitGroup
$calls	ready.Wait()
	time.Sleep(time.Second)
	buf := make([]byte, 1<<30)
	os.Stdout.Write(buf[:runtime.Stack(buf, true)])
}
GO
(cd "$OUT/src" && go build -o "$OUT/prog" .)
"$OUT/prog" >"$OUT/dump.txt"
echo "dump: $(grep -c '^goroutine ' "$OUT/dump.txt") goroutines, $PKGS packages"
best() { # ARGS...: best wall time of RUNS runs, in seconds
    b=
    r=0
    while [ $r -lt "$RUNS" ]; do
        s=$(date +%s.%N)
        "$DRIP" goroutines "$@" "$OUT/dump.txt" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
        r=$((r + 1))
    done
    echo "$b"
}
plain=$(best --no-explain)
explained=$(best)
printf 'without explanation: %.2fs\nwith explanation:    %.2fs\nadded: %.2fs, ratio %.2f\n' "$plain" "$explained" \
    "$(echo "$explained - $plain" | bc)" "$(echo "$explained / $plain" | bc -l)"
