#!/bin/sh
# parse.sh - parser benchmark: parse every .go file of the Go standard
# library with drip (one thread, then all cores) and with go/parser in
# parse-only mode (tests/oracle -parse, same files, same run); print MB/s,
# wall time, peak RSS and the ratios. Best of $RUNS runs of drip (default
# 7: a run takes well under a second, and this shared machine's speed
# varies from minute to minute) and of $GO_RUNS of go/parser (default 3).
#   sh bench/parse.sh [DRIP]
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${1:-$ROOT/drip}
RUNS=${RUNS:-7}
GO_RUNS=${GO_RUNS:-3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drip-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local

command -v go >/dev/null 2>&1 || { echo "bench/parse.sh: go is not installed (apt-get install golang-go)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/parse.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
SRC=$(go env GOROOT)/src
(cd "$ROOT/tests/oracle" && go build -o "$TMP/oracle" .) || exit 2
find -L "$SRC" -name '*.go' -type f >"$TMP/list"
cat $(cat "$TMP/list") >/dev/null # warm the page cache
cores=$(nproc)

# best_of N NAME CMD...: runs CMD N times; keeps the fastest wall time
# (which includes starting the process).
# The command prints "... MB/s X ..." on stdout or stderr.
best_of() {
    runs=$1
    name=$2
    shift 2
    best=""
    for i in $(seq 1 "$runs"); do
        # wall time to the millisecond (time's %e has 10 ms steps)
        t0=$(date +%s%N)
        /usr/bin/time -f "TIME %e %M %U %S" "$@" >"$TMP/out" 2>&1
        t1=$(date +%s%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        rss=$(grep '^TIME' "$TMP/out" | awk '{print $3}')
        cpu=$(grep '^TIME' "$TMP/out" | awk '{print $4 + $5}')
        bytes=$(grep -o 'bytes [0-9]*' "$TMP/out" | awk '{print $2}')
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
            best_rss=$rss
            best_cpu=$cpu
        fi
    done
    mbs=$(awk -v b="$bytes" -v t="$best" 'BEGIN { printf "%.1f", b / 1e6 / (t > 0 ? t : 0.001) }')
    cpumbs=$(awk -v b="$bytes" -v t="$best_cpu" 'BEGIN { printf "%.1f", b / 1e6 / (t > 0 ? t : 0.001) }')
    printf '%-24s %7s MB/s %6s s wall %6s s cpu (%6s MB/cpu-s) %5s MB peak RSS\n' \
        "$name" "$mbs" "$best" "$best_cpu" "$cpumbs" "$((best_rss / 1024))"
    LAST_MBS=$mbs
    LAST_CPU_MBS=$cpumbs
    LAST_WALL=$best
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: figures are noisy)"
echo "parser benchmark: $(wc -l <"$TMP/list") files, $(cat $(cat "$TMP/list") | wc -c) bytes, $cores cores, best of $RUNS (drip) and $GO_RUNS (go/parser)"
best_of "$RUNS" "drip 1 thread" env DRIP_THREADS=1 "$DRIP" parse --stats "$SRC"
d1=$LAST_MBS
d1c=$LAST_CPU_MBS
best_of "$RUNS" "drip $cores threads" "$DRIP" parse --stats "$SRC"
dn=$LAST_MBS
dn_wall=$LAST_WALL
best_of "$GO_RUNS" "go/parser 1 thread" "$TMP/oracle" -parse -j 1 @"$TMP/list"
g1=$LAST_MBS
g1c=$LAST_CPU_MBS
best_of "$GO_RUNS" "go/parser $cores threads" "$TMP/oracle" -parse -j "$cores" @"$TMP/list"
gn=$LAST_MBS
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo "ratio drip/go/parser: 1 thread $(ratio "$d1" "$g1")x wall, $(ratio "$d1c" "$g1c")x per cpu-second; $cores threads $(ratio "$dn" "$gn")x wall"
echo "goals: >= 200 MB/s and >= 5x on 1 thread; <= 0.25 s wall on 2 cores; <= 256 MB RSS (drip $cores threads: $dn_wall s)"
