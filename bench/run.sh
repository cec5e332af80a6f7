#!/bin/sh
# bench/run.sh - every area's benchmark; each prints its own ratios.
set -u
cd "$(dirname "$0")/.."
sh bench/heap.sh
