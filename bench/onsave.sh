#!/bin/sh
# onsave.sh - what an editor pays on each save: `drip check -f json FILE.go`
# on single files of real modules (grpc's server.go and clientconn.go, and
# net/http's server.go, each in a module of hundreds of packages), against
# checking the file's whole package directory and the whole module. Each
# figure is the median of $RUNS runs (default 21), wall time from
# date +%s.%N around the process, with its peak RSS from GNU time.
#   sh bench/onsave.sh [DRIP]
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${1:-$ROOT/drip}
RUNS=${RUNS:-21}
GOROOT_SRC=$(go env GOROOT 2>/dev/null)/src
GRPC=/usr/share/gocode/src/google.golang.org/grpc
[ -d "$GRPC" ] || { echo "bench/onsave.sh: grpc's source is missing: apt-get install golang-google-grpc-dev" >&2; exit 2; }

# median CMD...: the median wall time of RUNS runs, in milliseconds
median() {
    i=0
    while [ $i -lt "$RUNS" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s.%N)
        awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", (e - s) * 1000 }'
        i=$((i + 1))
    done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

printf '%-44s %8s %10s %8s\n' "what" "lines" "median ms" "RSS kB"
row() {
    what=$1 lines=$2
    shift 2
    printf '%-44s %8s %10s %8s\n' "$what" "$lines" "$(median "$@")" "$(rss "$@")"
}
for f in "$GRPC/server.go" "$GRPC/clientconn.go" "$GOROOT_SRC/net/http/server.go"; do
    [ -f "$f" ] || continue
    d=$(dirname "$f")
    short=$(echo "$f" | sed "s|$GRPC|grpc|; s|$GOROOT_SRC/||")
    row "file: $short" "$(wc -l <"$f")" "$DRIP" check -f json "$f"
    row "package: $(dirname "$short")" "$(cat "$d"/*.go | wc -l)" "$DRIP" check -f json "$d"
done
row "module: grpc/..." "$(find "$GRPC" -name '*.go' | xargs cat | wc -l)" "$DRIP" check -f json "$GRPC/..."
