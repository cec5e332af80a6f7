#!/bin/sh
# check.sh - drip check over the whole Go standard library side by side,
# in the same run, with `go vet std` and `go-staticcheck std`, both from a
# cold build cache (a fresh GOCACHE, and a fresh XDG_CACHE_HOME for
# staticcheck's own cache). Prints wall times and the ratios.
#   sh bench/check.sh [DRIP]
# GO=/path/to/go picks the toolchain whose std is checked and whose go vet
# runs (default: go on PATH), e.g. Go 1.27's from scripts/gotoolchain.sh.
# drip's figure is the best of $RUNS runs (default 3); the peers run once
# (each cold run takes minutes).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${1:-$ROOT/drip}
RUNS=${RUNS:-3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drip-bench.XXXXXX")
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local

GO=${GO:-go}
command -v "$GO" >/dev/null 2>&1 || { echo "bench/check.sh: $GO is not installed (apt-get install golang-go)" >&2; exit 2; }
command -v go-staticcheck >/dev/null 2>&1 || { echo "bench/check.sh: go-staticcheck is not installed (apt-get install go-staticcheck)" >&2; exit 2; }
GOROOT=$("$GO" env GOROOT)
export GOROOT PATH="$GOROOT/bin:$PATH"
SRC=$GOROOT/src
cores=$(nproc)
find -L "$SRC" -name '*.go' -type f -exec cat {} + >/dev/null # warm the page cache for everyone

# wall CMD...: runs CMD, prints its wall time in seconds (output discarded).
wall() {
    s=$(date +%s.%N)
    "$@" >"$TMP/out" 2>&1
    rc=$?
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
    return $rc
}

best=""
for i in $(seq 1 "$RUNS"); do
    t=$(wall "$DRIP" check "$SRC/...")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
done
drip_findings=$("$DRIP" check "$SRC/..." 2>/dev/null | grep -c .)
# CPU seconds (user + sys) say more than wall time on a busy machine.
drip_cpu=""
if [ -x /usr/bin/time ]; then
    /usr/bin/time -o "$TMP/cpu" -f "%U %S" "$DRIP" check "$SRC/..." >/dev/null 2>&1
    drip_cpu=$(tail -n 1 "$TMP/cpu" | awk '{ printf "%.3f", $1 + $2 }')
fi

echo "static checks over $SRC ($cores cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-34s %9s s wall  (%s findings, best of %s; %s s CPU)\n' "drip check GOROOT/src/..." "$best" "$drip_findings" "$RUNS" "${drip_cpu:-?}"

mkdir -p "$TMP/vetcache" "$TMP/sccache" "$TMP/scxdg"
vet=$(GOCACHE="$TMP/vetcache" wall go vet std)
printf '%-34s %9s s wall  (cold GOCACHE; %s)\n' "go vet std" "$vet" "$(go version | cut -d' ' -f3)"
# staticcheck built for an older Go may refuse a newer std: say so
if sc=$(GOCACHE="$TMP/sccache" XDG_CACHE_HOME="$TMP/scxdg" wall go-staticcheck std) || grep -q '^[^ ]*\.go:[0-9]' "$TMP/out"; then
    printf '%-34s %9s s wall  (cold GOCACHE and cache dir)\n' "go-staticcheck std" "$sc"
else
    printf '%-34s   failed  (%s)\n' "go-staticcheck std" "$(head -n 1 "$TMP/out")"
    sc=""
fi
awk -v d="$best" -v v="$vet" -v s="$sc" 'BEGIN {
    if (d <= 0) d = 0.001
    printf "ratio go vet / drip:          %8.0fx\n", v / d
    if (s != "") printf "ratio go-staticcheck / drip:  %8.0fx\n", s / d
}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
