#!/bin/sh
# check_memory.sh - peak RSS and wall time of drip check over large trees:
# Go 1.27's standard library, Go 1.19's, and aws-sdk-go (Debian's Go
# sources), with /usr/bin/time -v; with a second binary, the same for it
# in the same run and whether both print the very same findings.
#   sh bench/check_memory.sh [DRIP [BEFORE]]
# Trees that are not installed are left out with a note.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${1:-$ROOT/drip}
BEFORE=${2:-}
# absolute: the runs happen inside the trees
case $DRIP in /*) ;; *) DRIP=$(pwd)/$DRIP ;; esac
case $BEFORE in /* | "") ;; *) BEFORE=$(pwd)/$BEFORE ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drip-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
[ -x /usr/bin/time ] || { echo "bench/check_memory.sh: /usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }

# one NAME DIR BIN TAG: prints wall, CPU and peak RSS of BIN check DIR/...
one() {
    (cd "$2" && /usr/bin/time -v "$3" check ./... >"$TMP/$1.$4.out" 2>"$TMP/$1.$4.err")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/$1.$4.err")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TMP/$1.$4.err")
    user=$(sed -n 's/.*User time (seconds): //p' "$TMP/$1.$4.err")
    sys=$(sed -n 's/.*System time (seconds): //p' "$TMP/$1.$4.err")
    printf '%-8s %-7s %8.1f MB peak RSS  %8s wall  %6.2f s CPU  %5d findings\n' "$1" "$4" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
        "$(grep -c . "$TMP/$1.$4.out")"
}

echo "drip check peak memory ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for t in "go1.27:/root/.cache/drip/go1.27/root/usr/lib/go-1.27/src" "go1.19:/usr/lib/go-1.19/src" \
         "aws:/usr/share/gocode/src/github.com/aws/aws-sdk-go"; do
    name=${t%%:*} dir=${t#*:}
    if [ ! -d "$dir" ]; then
        echo "$name: $dir not installed, left out"
        continue
    fi
    find -L "$dir" -name '*.go' -type f -exec cat {} + >/dev/null # warm the page cache
    one "$name" "$dir" "$DRIP" after
    if [ -n "$BEFORE" ]; then
        one "$name" "$dir" "$BEFORE" before
        if cmp -s "$TMP/$name.before.out" "$TMP/$name.after.out"; then
            echo "$name: the same findings, byte for byte"
        else
            echo "$name: findings DIFFER"
        fi
    fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
