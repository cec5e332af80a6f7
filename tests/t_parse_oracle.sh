#!/bin/sh
# t_parse_oracle.sh - drip's parser against go/parser of the newest Go
# toolchain the suite has, on every .go file of that toolchain's standard
# library and of Go 1.19's: the canonical dumps must be identical for every
# file go/parser accepts, drip must reject exactly the files go/parser
# rejects, with the same first error. drip parses as Go 1.27's go/parser
# (older sources included), so the reference must be 1.27 or later: with
# Go 1.22 to 1.26 only the syntax added since (methods with type
# parameters) would differ, with 1.19 much more. Prints the counts.
. "$(dirname "$0")/lib.sh"

PARSER_GO=27 # the go/parser drip follows: Go 1.27
if ! newest=$(newest_go); then
    skip parse_oracle "no Go toolchain found (scripts/gotoolchain.sh)"
    exit 0
fi
set -- $newest
NEWEST=$1 NEWROOT=$2
if [ "${NEWEST#1.}" -lt "$PARSER_GO" ]; then
    skip parse_oracle "no Go 1.$PARSER_GO or later (newest: $NEWEST): drip parses as Go 1.$PARSER_GO's go/parser"
    exit 0
fi
if ! (cd "$ROOT/tests/oracle" && "$NEWROOT/bin/go" build -o "$TMP/oracle" .) >"$TMP/build.log" 2>&1; then
    fail parse_oracle_build "go$NEWEST: $(tail -n 5 "$TMP/build.log")"
    exit 0
fi
pass parse_oracle_build

# compare_tree LABEL SRC: drip and go/parser over every .go file of SRC.
compare_tree() {
    label=$1 src=$2
    total=$(find -L "$src" -name '*.go' -type f | wc -l)
    "$DRIP" parse -ast "$src" 2>"$TMP/errors" | tee "$TMP/dump" | "$TMP/oracle" -compare >"$TMP/cmp"
    counts=$(tail -n 1 "$TMP/cmp")
    echo "oracle $label src: $counts (go files under $src: $total; go/parser of go$NEWEST)"
    # files where the two disagree, with the reason (empty when all agree)
    grep '^  ' "$TMP/cmp" | head -n 40

    set -- $counts
    files=$2 identical=$4 differing=$6 both=$8 only_go=${10} only_drip=${12} first_error_differs=${14}
    if [ "$files" = "$total" ] && [ "$total" -gt 5000 ]; then
        pass "parse_oracle_${label}_all_files"
    else
        fail "parse_oracle_${label}_all_files" "drip parsed $files files, find counts $total"
    fi
    if [ "$differing" = 0 ] && [ "$identical" -gt 0 ]; then
        pass "parse_oracle_${label}_identical_dumps"
    else
        fail "parse_oracle_${label}_identical_dumps" "$differing of $((identical + differing)) accepted files differ"
    fi
    if [ "$only_go" = 0 ] && [ "$only_drip" = 0 ] && [ "$both" -gt 0 ]; then
        pass "parse_oracle_${label}_same_rejections"
    else
        fail "parse_oracle_${label}_same_rejections" "rejected only by go/parser: $only_go, only by drip: $only_drip"
    fi
    if [ "$first_error_differs" = 0 ]; then
        pass "parse_oracle_${label}_same_first_errors"
    else
        fail "parse_oracle_${label}_same_first_errors" "$first_error_differs rejected files have a different first error"
    fi
    # every file both reject: all errors as the toolchain's gofmt prints them
    if [ -x "$NEWROOT/bin/gofmt" ]; then
        sed -n 's/^# \(.*\): error .*/\1/p' "$TMP/dump" >"$TMP/rejected"
        same=0 other=""
        while read -r f; do
            "$DRIP" parse "$f" >/dev/null 2>"$TMP/drip_errs"
            "$NEWROOT/bin/gofmt" -l "$f" >/dev/null 2>"$TMP/gofmt_errs"
            if cmp -s "$TMP/drip_errs" "$TMP/gofmt_errs"; then
                same=$((same + 1))
            else
                other="$other $f"
            fi
        done <"$TMP/rejected"
        echo "oracle $label src: $same of $(wc -l <"$TMP/rejected") rejected files with gofmt's error output"
        if [ -z "$other" ] && [ "$same" -gt 0 ]; then
            pass "parse_oracle_${label}_same_error_output"
        else
            fail "parse_oracle_${label}_same_error_output" "different from gofmt:$(echo $other | cut -c1-300)"
        fi
    fi
    # every syntax error is reported as path:line:col: message
    bad=$(grep -v -E '^/[^:]+\.go:[0-9]+:[0-9]+: .+' "$TMP/errors" | head -n 3)
    if [ -s "$TMP/errors" ] && [ -z "$bad" ]; then
        pass "parse_oracle_${label}_error_format"
    else
        fail "parse_oracle_${label}_error_format" "unexpected error lines: $bad"
    fi
}
compare_tree "go$NEWEST" "$NEWROOT/src"
if [ "$NEWEST" = 1.19 ]; then
    :
elif old=$(goroot_of 1.19); then
    compare_tree go1.19 "$old/src"
else
    skip parse_oracle_go1.19 "no Go 1.19"
fi

# hand-written tricky files (generics and generic methods, statement
# headers, CRLF, BOM, Unicode, what go/parser left to the type checker in
# Go 1.22, ...): all accepted and identical; the bad ones: all rejected,
# with go/parser's first error
good=$ROOT/tests/testdata/parse/good
"$DRIP" parse -ast "$good" 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp_good"
set -- $(tail -n 1 "$TMP/cmp_good")
n=$(ls "$good"/*.go | wc -l)
if [ "$2" = "$n" ] && [ "$4" = "$n" ]; then
    pass parse_oracle_fixtures_identical
else
    fail parse_oracle_fixtures_identical "$(head -n 5 "$TMP/cmp_good")"
fi
bad=$ROOT/tests/testdata/parse/bad
"$DRIP" parse -ast "$bad" 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp_bad"
set -- $(tail -n 1 "$TMP/cmp_bad")
n=$(ls "$bad"/*.go | wc -l)
if [ "$2" = "$n" ] && [ "$8" = "$n" ] && [ "${14}" = 0 ]; then
    pass parse_oracle_fixtures_rejected
else
    fail parse_oracle_fixtures_rejected "$(head -n 5 "$TMP/cmp_bad")"
fi
