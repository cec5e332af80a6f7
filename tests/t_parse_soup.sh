#!/bin/sh
# t_parse_soup.sh - differential test of the lexer's corners, repeatable:
# tests/oracle/soup.py writes the same 12,000 files of random token soup
# (line directives, NUL, bad UTF-8, BOMs, unterminated literals, ...) on
# every run, and drip must give each the verdict, tree and first error
# that go/parser of Go 1.27 gives. The fuzzer (t_parse_fuzz) finds new
# inputs; this finds the known kinds again without luck.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
    skip parse_soup "python3 is not installed (apt-get install python3)"
    exit 0
fi
if ! { newest=$(newest_go) && set -- $newest && [ "${1#1.}" -ge 27 ]; }; then
    skip parse_soup "no Go 1.27 or later: drip parses as Go 1.27's go/parser"
    exit 0
fi
NEWROOT=$2
if ! (cd "$ROOT/tests/oracle" && GOCACHE="$BUILD/gocache" "$NEWROOT/bin/go" build -o "$TMP/oracle" .) >"$TMP/build.log" 2>&1; then
    fail parse_soup_oracle_builds "$(tail -n 3 "$TMP/build.log")"
    exit 0
fi
mkdir -p "$TMP/soup"
for seed in 1 2 3; do
    python3 "$ROOT/tests/oracle/soup.py" "$seed" 4000 "$TMP/soup"
done
"$DRIP" parse -ast "$TMP"/soup/*.go 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp"
echo "token soup vs go/parser: $(tail -n 1 "$TMP/cmp")"
set -- $(tail -n 1 "$TMP/cmp")
if [ "$2" = 12000 ] && tail -n 1 "$TMP/cmp" | grep -q 'differing 0 .*only-by-go 0 rejected-only-by-drip 0 first-error-differs 0'; then
    pass parse_soup_agrees_with_go
else
    fail parse_soup_agrees_with_go "$(grep -A 2 '^  ' "$TMP/cmp" | head -n 6)"
fi
