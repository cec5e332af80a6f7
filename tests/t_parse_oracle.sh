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
files=$2 identical=$4 differing=$6 both=$8 only_go=${10} only_drip=${12} first_error_differs=${14}
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
if [ "$first_error_differs" = 0 ]; then
    pass parse_oracle_same_first_errors
else
    fail parse_oracle_same_first_errors "$first_error_differs rejected files have a different first error"
fi
# every syntax error is reported as path:line:col: message
bad=$(grep -v -E '^/[^:]+\.go:[0-9]+:[0-9]+: .+' "$TMP/errors" | head -n 3)
if [ -s "$TMP/errors" ] && [ -z "$bad" ]; then
    pass parse_oracle_error_format
else
    fail parse_oracle_error_format "unexpected error lines: $bad"
fi

# hand-written tricky files (generics, statement headers, CRLF, BOM,
# Unicode, ...): all accepted and identical; the bad ones: all rejected
good=$ROOT/tests/testdata/parse/good
"$DRIP" parse -ast "$good" 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp_good"
set -- $(tail -n 1 "$TMP/cmp_good")
n=$(ls "$good"/*.go | wc -l)
if [ "$2" = "$n" ] && [ "$4" = "$n" ]; then
    pass parse_oracle_fixtures_identical
else
    fail parse_oracle_fixtures_identical "$(cat "$TMP/cmp_good" | head -n 5)"
fi
bad=$ROOT/tests/testdata/parse/bad
"$DRIP" parse -ast "$bad" 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp_bad"
set -- $(tail -n 1 "$TMP/cmp_bad")
n=$(ls "$bad"/*.go | wc -l)
if [ "$2" = "$n" ] && [ "$8" = "$n" ] && [ "${14}" = 0 ]; then
    pass parse_oracle_fixtures_rejected
else
    fail parse_oracle_fixtures_rejected "$(cat "$TMP/cmp_bad" | head -n 5)"
fi
