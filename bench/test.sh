#!/bin/sh
# test.sh - the cost of drip test beside plain go test, in the same run, on
# the test suites of Debian-packaged modules under /usr/share/gocode/src
# (copied to a temporary GOPATH, built offline in GOPATH mode).
#   sh bench/test.sh [DRIP]
# Each side runs $RUNS times (default 3), alternating, after one warm-up
# each (the overlay makes drip's test binaries differ from go test's, so
# each side fills its own build cache first); the figure is the best run.
# Both sides get -count=1 (no cached results) and -vet=off (Go < 1.24's
# vet cannot read overlays, so drip turns it off there; the same for both
# keeps the comparison fair). GO names the go command (default: go).
# go-metrics leaks (drip waits --wait for its stragglers), so it is timed
# apart from the packages where nothing leaks.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${1:-$ROOT/drip}
RUNS=${RUNS:-3}
GO=${GO:-go}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drip-bench.XXXXXX")
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export GOPROXY=off GOFLAGS= GO111MODULE=off GOTOOLCHAIN=local GOPATH="$TMP/gp:/usr/share/gocode"

CLEAN="golang.org/x/sync github.com/hashicorp/golang-lru go.uber.org/zap github.com/gorilla/websocket"
LEAKY="github.com/rcrowley/go-metrics"
for m in $CLEAN $LEAKY; do
    if [ ! -d "/usr/share/gocode/src/$m" ]; then
        echo "bench/test.sh: /usr/share/gocode/src/$m is missing (install its golang-*-dev package)" >&2
        exit 2
    fi
    mkdir -p "$TMP/gp/src/$(dirname "$m")" && cp -r "/usr/share/gocode/src/$m" "$TMP/gp/src/$m"
done

# wall DIR CMD...: runs CMD in DIR, prints its wall time in seconds.
wall() {
    d=$1; shift
    s=$(date +%s.%N)
    (cd "$d" && "$@" >"$TMP/out" 2>&1)
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}

# bench NAME MODULES: best plain and best drip time over the modules
bench() {
    name=$1; shift
    best_go= best_drip=
    for r in $(seq 0 "$RUNS"); do
        tg=0 td=0
        for m in "$@"; do
            dir=$TMP/gp/src/$m
            a=$(wall "$dir" "$GO" test -count=1 -vet=off ./...)
            b=$(wall "$dir" "$DRIP" test --go "$GO" -count=1 ./... -- -vet=off)
            tg=$(awk -v x="$tg" -v y="$a" 'BEGIN { print x + y }')
            td=$(awk -v x="$td" -v y="$b" 'BEGIN { print x + y }')
        done
        [ "$r" = 0 ] && continue # warm-up
        best_go=$(awk -v x="${best_go:-$tg}" -v y="$tg" 'BEGIN { print (y < x ? y : x) }')
        best_drip=$(awk -v x="${best_drip:-$td}" -v y="$td" 'BEGIN { print (y < x ? y : x) }')
    done
    awk -v n="$name" -v g="$best_go" -v d="$best_drip" \
        'BEGIN { printf "%-28s go test %7.3f s   drip test %7.3f s   added %+.1f%%\n", n, g, d, (d - g) / g * 100 }'
}

echo "drip test vs go test ($("$GO" env GOVERSION), best of $RUNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
bench "nothing leaks (4 modules)" $CLEAN
# shellcheck disable=SC2086
bench "go-metrics (leaks)" $LEAKY
