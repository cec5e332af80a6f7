#!/bin/sh
# t_parse_oracle.sh - drip's parser against go/parser on every .go file of
# the Go standard library: the canonical dumps must be identical for every
# file go/parser accepts, and drip must reject exactly the files go/parser
# rejects. Prints the counts.
. "$(dirname "$0")/lib.sh"

if ! command -v go >/dev/null 2>&1; then
    fail parse_oracle_go "go is not installed: apt-get install golang-go"
    exit 0
fi
GOROOT=$(go env GOROOT)
if ! (cd "$ROOT/tests/oracle" && go build -o "$TMP/oracle" .) >"$TMP/build.log" 2>&1; then
    fail parse_oracle_build "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
pass parse_oracle_build

total=$(find -L "$GOROOT/src" -name '*.go' -type f | wc -l)
"$DRIP" parse -ast "$GOROOT/src" 2>"$TMP/errors" | "$TMP/oracle" -compare >"$TMP/cmp"
counts=$(tail -n 1 "$TMP/cmp")
echo "oracle: $counts (go files under $GOROOT/src: $total)"
# files where the two disagree, with the reason (empty when all agree)
grep '^  ' "$TMP/cmp" | head -n 40

set -- $counts
files=$2 identical=$4 differing=$6 both=$8 only_go=${10} only_drip=${12}
if [ "$files" = "$total" ] && [ "$total" -gt 5000 ]; then
    pass parse_oracle_all_files
else
    fail parse_oracle_all_files "drip parsed $files files, find counts $total"
fi
if [ "$differing" = 0 ] && [ "$identical" -gt 0 ]; then
    pass parse_oracle_identical_dumps
else
    fail parse_oracle_identical_dumps "$differing of $((identical + differing)) accepted files differ"
fi
if [ "$only_go" = 0 ] && [ "$only_drip" = 0 ] && [ "$both" -gt 0 ]; then
    pass parse_oracle_same_rejections
else
    fail parse_oracle_same_rejections "rejected only by go/parser: $only_go, only by drip: $only_drip"
fi
# every syntax error is reported as path:line:col: message
bad=$(grep -v -E '^/[^:]+\.go:[0-9]+:[0-9]+: .+' "$TMP/errors" | head -n 3)
if [ -s "$TMP/errors" ] && [ -z "$bad" ]; then
    pass parse_oracle_error_format
else
    fail parse_oracle_error_format "unexpected error lines: $bad"
fi
