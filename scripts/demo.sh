#!/bin/sh
# demo.sh [DRIP] - runs drip on the bundled examples: the static rules on a
# leaky Go program, then its goroutine dump and its heap profile. drip exits
# 1 when it finds leaks, which is what the examples are for, so the demo
# fails only on a status of 2 or more (a usage error or a crash).
DRIP=${1:-./drip}
cd "$(dirname "$0")/.." || exit 2
status=0
run() {
    printf '\n$ drip %s\n' "$*"
    "$DRIP" "$@"
    rc=$?
    [ "$rc" -ge 2 ] && status=$rc
}
run check examples/leaky/...
run goroutines examples/dumps/leaky.txt
run heap examples/profiles/leaky.heap.pb.gz
exit $status
