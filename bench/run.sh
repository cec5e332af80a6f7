#!/bin/sh
# run.sh - every benchmark of bench/, one line each.
set -u
cd "$(dirname "$0")/.." || exit 2
sh bench/parse.sh ./drip
sh bench/check.sh ./drip
