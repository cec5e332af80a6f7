#!/bin/sh
# run.sh - every area's benchmark in turn; each prints its own ratios.
set -u
cd "$(dirname "$0")/.." || exit 2
for b in parse goroutines heap check scale; do
    [ -f "bench/$b.sh" ] && sh "bench/$b.sh" ./drip
done
