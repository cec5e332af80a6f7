#!/bin/sh
# goroutines.sh - drip goroutines against panicparse on the same goroutine
# dumps, in the same run. A real dump is taken from a leaking Go program
# (bench/goroutines/leaky.go: runtime.Stack of all goroutines, the debug=2
# format) with $REAL goroutines, then its records are replicated with new
# ids up to $TOTAL goroutines. Both tools read each file with their output
# thrown away; /usr/bin/time gives wall time and peak RSS. panicparse
# slows down more than linearly with the goroutine count, so it runs under
# a time limit ($PP_LIMIT seconds): when it hits it, its throughput is an
# upper bound and the ratios are lower bounds, and the script says so.
# Files go to bench/out/ (ignored by git).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$ROOT/drip}
REAL=${REAL:-100000}
TOTAL=${TOTAL:-1000000}
SMALL=${SMALL:-10000}
PP_LIMIT=${PP_LIMIT:-600}
OUT=$ROOT/bench/out
mkdir -p "$OUT"
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local

command -v panicparse >/dev/null || { echo "goroutines.sh: panicparse is missing: apt-get install panicparse" >&2; exit 2; }
[ -x "$DRIP" ] || { echo "goroutines.sh: build drip first (make)" >&2; exit 2; }

go build -o "$OUT/leaky" "$ROOT/bench/goroutines/leaky.go"
real=$OUT/goroutines-real.txt
timeout 300 "$OUT/leaky" "$REAL" >"$real"

# replicate the real records, renumbering goroutine ids, up to TOTAL
replicate() { # SRC N DST
    awk -v want="$2" '
        FNR == 1 { copy++ }
        /^goroutine [0-9]+ / { if (n >= want) exit; n++; $2 = $2 + (copy - 1) * 100000000 }
        { print }' $(i=0; while [ $i -lt $(( ($2 + REAL - 1) / REAL )) ]; do echo "$1"; i=$((i + 1)); done) >"$3"
}
small=$OUT/goroutines-$SMALL.txt
big=$OUT/goroutines-$TOTAL.txt
replicate "$real" "$SMALL" "$small"
replicate "$real" "$TOTAL" "$big"

# measure NAME FILE LIMIT CMD... -> "secs kb status" on stdout
measure() {
    tf=$OUT/time.$$
    st=0
    limit=$3
    shift 3
    /usr/bin/time -f "%e %M" -o "$tf" timeout "$limit" "$@" >/dev/null 2>"$OUT/stderr.$$" || st=$?
    echo "$(tail -n 1 "$tf") $st"
    rm -f "$tf" "$OUT/stderr.$$"
}

row() { # FILE
    f=$1
    bytes=$(wc -c <"$f")
    n=$(grep -c '^goroutine [0-9]' "$f")
    mb=$(echo "$bytes" | awk '{printf "%.1f", $1 / 1048576}')
    set -- $(measure drip "$f" 3600 "$DRIP" goroutines --format text --no-source "$f")
    dt=$1 dm=$2
    set -- $(measure panicparse "$f" "$PP_LIMIT" panicparse -no-color -parse=false -rebase=false "$f")
    pt=$1 pm=$2 pst=$3
    capped=""
    [ "$pst" = 124 ] && capped=">"
    awk -v f="$(basename "$f")" -v n="$n" -v mb="$mb" -v dt="$dt" -v dm="$dm" -v pt="$pt" -v pm="$pm" -v c="$capped" 'BEGIN {
        dt = dt < 0.01 ? 0.01 : dt
        printf "%s: %d goroutines, %.1f MB\n", f, n, mb
        printf "  drip        %8.2f s  %9.1f MB/s  %12.0f goroutines/s  peak RSS %8.1f MB\n", dt, mb / dt, n / dt, dm / 1024
        printf "  panicparse %s%8.2f s %s%9.1f MB/s %s%12.0f goroutines/s  peak RSS %s%7.1f MB\n", c, pt, (c ? "<" : " "), mb / pt, (c ? "<" : " "), n / pt, c, pm / 1024
        printf "  ratio       throughput %s%.1fx, peak RSS 1/%s%.1f%s\n", c, pt / dt, c, pm / dm, (c ? " (panicparse stopped at the time limit: lower bounds)" : "")
    }'
}

echo "== goroutine dumps: drip goroutines vs panicparse -no-color -parse=false -rebase=false ($(date -u +%Y-%m-%d), $(nproc) cores)"
row "$small"
row "$real"
row "$big"
