#!/bin/sh
# run.sh - every benchmark of bench/, one line each.
cd "$(dirname "$0")/.." || exit 2
sh bench/goroutines.sh
