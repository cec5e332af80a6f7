#!/bin/sh
# scale.sh [DRIP] - growth with input size (issue 14, point 5): for each
# generated input, from 1,000 to 100,000 units, doubling, the time and peak
# memory of one drip run and the time ratio to the previous size. A
# linear reader shows ratios near 2; a quadratic one, near 4.
#
#   pairs   one function with N channel/goroutine pairs (drip check: the
#           abandoned-channel rule and name resolution)
#   locals  one function with N local variables used once each (drip check)
#   line    one line of N statements, N/1000 kB of source (drip parse)
#   dump    a goroutine dump of N goroutines in N distinct stacks (drip goroutines)
set -u
cd "$(dirname "$0")/.." || exit 2
DRIP=$(cd "$(dirname "${1:-./drip}")" && pwd)/$(basename "${1:-./drip}")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf 'module bench.example/m\n\ngo 1.21\n' >"$TMP/go.mod"

gen() {
    python3 - "$1" "$2" <<'PY'
import sys
kind, n = sys.argv[1], int(sys.argv[2])
w = sys.stdout.write
if kind == "pairs":
    w("package m\n\nfunc F() int {\n\ts := 0\n")
    for i in range(n):
        w(f"\tch{i} := make(chan int)\n\tgo func() {{ ch{i} <- {i} }}()\n\ts += <-ch{i}\n")
    w("\treturn s\n}\n")
elif kind == "locals":
    w("package m\n\nfunc F() int {\n\ts := 0\n")
    for i in range(n):
        w(f"\tv{i} := {i}\n\ts += v{i}\n")
    w("\treturn s\n}\n")
elif kind == "line":
    w("package m; func F() { x := 0; " + "x = x + 1; " * n + "_ = x }")
elif kind == "dump":
    for i in range(n):
        w(f"goroutine {i + 1} [chan send, 5 minutes]:\nmain.f{i}(...)\n\t/app/f{i}.go:{i % 1000 + 1} +0x25\n"
          f"created by main.main in goroutine 1\n\t/app/main.go:9 +0x6a\n\n")
PY
}

run_one() {
    kind=$1 n=$2
    case $kind in
    pairs | locals) gen "$kind" "$n" >"$TMP/a.go"; set -- check "$TMP/..." ;;
    line) gen line "$n" >"$TMP/a.go"; set -- parse "$TMP/a.go" ;;
    dump) gen dump "$n" >"$TMP/d.txt"; set -- goroutines --no-source "$TMP/d.txt" ;;
    esac
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$TMP/t" "$DRIP" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    # (time's first line is "Command exited with non-zero status" when drip finds something)
    echo "$(( (t1 - t0) / 1000000 )) $(tail -n 1 "$TMP/t")"
}

# MAX_N stops the growth early (a quadratic build takes minutes at 100k).
MAX_N=${MAX_N:-100000}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in ${KINDS:-pairs locals line dump}; do
    printf '%-7s %8s %8s %9s %9s\n' "$kind" "N" "ms" "peak MB" "x/double"
    prev="" prevn=""
    for n in 1000 2000 4000 8000 16000 32000 64000 100000; do
        [ "$n" -le "$MAX_N" ] || break
        set -- $(run_one "$kind" "$n")
        ms=$1 kb=$2
        # time ratio per doubling of N: (t/t_prev)^(1/log2(n/n_prev)); "-" below 20 ms
        ratio=$(awk -v a="$ms" -v b="${prev:-0}" -v n="$n" -v m="${prevn:-1}" \
            'BEGIN { if (b >= 20) printf "%.2f", exp(log(a / b) / (log(n / m) / log(2))); else print "-" }')
        printf '%-7s %8d %8d %9.1f %9s\n' "" "$n" "$ms" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$ratio"
        prev=$ms prevn=$n
    done
done
