#!/bin/sh
# bench/leakpoll.sh - what one poll of Go's goroutineleak profile costs a
# service: a Go 1.27 program (bench/leakpoll) with N goroutines blocked
# forever, half of them leaked, serves net/http/pprof; drip watch polls it
# with --leak-interval 2s for 11s and stores each poll's cost. Prints, per
# N, the request's wall time and the server's stop-the-world GC pause
# (from runtime.MemStats) of the leak polls, and the pause of an ordinary
# runtime.GC() at the same N.
#
#   sh bench/leakpoll.sh [N...]     (default 20000 200000)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$ROOT/drip}
OUT=$ROOT/bench/out/leakpoll
rm -rf "$OUT"
mkdir -p "$OUT"
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local
[ -x "$DRIP" ] || make -C "$ROOT" -s drip
G=$(sh "$ROOT/scripts/gotoolchain.sh" 1.27 2>/dev/null | awk '{print $2}')
if [ -z "$G" ] || [ "$G" = - ]; then
    echo "no Go 1.27 toolchain: nothing to measure" >&2
    exit 1
fi
(cd "$ROOT/bench/leakpoll" && "$G/bin/go" build -o "$OUT/leakpoll" .)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in ${@:-20000 200000}; do
    rm -f "$OUT/addr"
    "$OUT/leakpoll" -n "$n" -addrfile "$OUT/addr" >"$OUT/server-$n.txt" 2>&1 &
    pid=$!
    i=0
    while [ ! -s "$OUT/addr" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
    if [ ! -s "$OUT/addr" ]; then
        kill "$pid" 2>/dev/null
        echo "N=$n: the server did not start" >&2
        exit 1
    fi
    "$DRIP" watch --interval 2s --leak-interval 2s --duration 11s --timeout 60s --no-progress \
        --out "$OUT/w-$n" "http://$(cat "$OUT/addr")" >"$OUT/verdict-$n.txt" 2>"$OUT/watch-$n.txt" || true
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    echo "N=$n: $(cat "$OUT/server-$n.txt" | head -n 1)"
    grep '^leak profile:' "$OUT/verdict-$n.txt" | sed 's/^/    /'
    grep 'drip: goroutineleak at' "$OUT/watch-$n.txt" | sed 's/^drip: /    /'
done
