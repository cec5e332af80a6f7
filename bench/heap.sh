#!/bin/sh
# bench/heap.sh - drip heap against go tool pprof -top on the same large
# heap profile, in the same run. A real Go program (tests/pprof/heapgen)
# allocates from 100,000 distinct call stacks with runtime.MemProfileRate=1
# and writes the profile; both tools then summarize it (best of 3 runs
# each). Prints wall times, peak RSS and the ratio.
#
#   sh bench/heap.sh [STACKS]     (default 100000)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$ROOT/drip}
STACKS=${1:-100000}
OUT=$ROOT/bench/out/heap
mkdir -p "$OUT"
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local
[ -x "$DRIP" ] || make -C "$ROOT" -s drip
(cd "$ROOT/tests/pprof/heapgen" && go build -o "$OUT/heapgen" .)
"$OUT/heapgen" -out "$OUT" -stacks "$STACKS" -rate 1 -legacy=false
P=$OUT/heap.pb.gz
samples=$(go tool pprof -raw "$P" 2>/dev/null | awk '/^Samples:/ {s=1; next} /^Locations/ {s=0} s && /: / && $1 ~ /^[0-9]+$/ {n++} END {print n+0}')
echo "profile: $P ($(wc -c <"$P") bytes gzip, $samples samples)"

# best_of3 CMD...: prints "SECONDS KB" (the fastest run, its peak RSS).
best_of3() {
    best=""
    for i in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1
        r=$(cat "$OUT/time.txt")
        if [ -z "$best" ] || [ "$(echo "$r $best" | awk '{print ($1 < $3)}')" = 1 ]; then best=$r; fi
    done
    echo "$best"
}
d=$(best_of3 "$DRIP" heap --top 20 "$P")
df=$(best_of3 "$DRIP" heap --functions --top 20 "$P")
g=$(best_of3 go tool pprof -top "$P")
echo "$d $df $g" | awk '{
    printf "drip heap (sites)       %6.2f s  %7.1f MB peak RSS\n", $1, $2/1024
    printf "drip heap --functions   %6.2f s  %7.1f MB peak RSS\n", $3, $4/1024
    printf "go tool pprof -top      %6.2f s  %7.1f MB peak RSS\n", $5, $6/1024
    t1 = $1 > 0 ? $1 : 0.005; t2 = $3 > 0 ? $3 : 0.005
    printf "speedup: %.1fx (sites), %.1fx (functions); goal >= 10x\n", $5 / t1, $5 / t2
}'
