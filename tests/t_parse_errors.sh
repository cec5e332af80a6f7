#!/bin/sh
# t_parse_errors.sh - syntax errors: drip parse reports exactly what gofmt
# of the newest Go toolchain (1.27 or later: drip parses as Go 1.27's
# go/parser) reports (path:line:col: message, same recovery) for
# hand-written bad files, keeps going after a bad file, and uses the
# documented exit codes.
. "$(dirname "$0")/lib.sh"

BAD=$ROOT/tests/testdata/parse/bad
GOFMT=""
if newest=$(newest_go) && set -- $newest && [ "${1#1.}" -ge 27 ] && [ -x "$2/bin/gofmt" ]; then
    GOFMT="$2/bin/gofmt"
    echo "parse errors compared with gofmt of go$1"
else
    skip parse_errors_gofmt "no gofmt of Go 1.27 or later: only the format of the errors is checked"
fi

for f in "$BAD"/*.go; do
    name=parse_errors_$(basename "$f" .go)
    "$DRIP" parse "$f" >"$TMP/out" 2>"$TMP/drip"
    rc=$?
    if [ "$rc" != 1 ] || [ ! -s "$TMP/drip" ]; then
        fail "$name" "exit status $rc, errors: $(head -n 2 "$TMP/drip")"
        continue
    fi
    if [ -n "$GOFMT" ]; then
        "$GOFMT" -l "$f" >/dev/null 2>"$TMP/gofmt"
        if cmp -s "$TMP/drip" "$TMP/gofmt"; then
            pass "$name"
        else
            fail "$name" "drip: $(head -n 3 "$TMP/drip") gofmt: $(head -n 3 "$TMP/gofmt")"
        fi
    else
        grep -q -E "^$f:[0-9]+:[0-9]+: " "$TMP/drip" && pass "$name" || fail "$name" "bad format"
    fi
done

# one run over the directory reports every file's errors and goes on
"$DRIP" parse "$BAD" >/dev/null 2>"$TMP/all"
rc=$?
# (line directives rename some positions: count the files that exist)
files=$(grep -o "^$BAD/[^:]*\.go:[0-9]" "$TMP/all" | cut -d: -f1 | sort -u |
    while read -r f; do [ -f "$f" ] && echo "$f"; done | wc -l)
total=$(ls "$BAD"/*.go | wc -l)
if [ "$rc" = 1 ] && [ "$files" = "$total" ]; then
    pass parse_errors_keeps_going
else
    fail parse_errors_keeps_going "exit $rc, errors in $files of $total files"
fi

# a good file: no output, exit 0; -ast prints the tree
printf 'package p\n\nfunc f() int { return 1 }\n' >"$TMP/good.go"
check parse_errors_good_file_silent sh -c "out=\$('$DRIP' parse '$TMP/good.go' 2>&1) && [ -z \"\$out\" ]"
"$DRIP" parse -ast "$TMP/good.go" >"$TMP/ast" 2>&1
if grep -q '^# .*good.go$' "$TMP/ast" && grep -q '(FuncDecl 11 36 _ (Ident 16 17 f)' "$TMP/ast"; then
    pass parse_errors_ast_dump
else
    fail parse_errors_ast_dump "$(head -c 300 "$TMP/ast")"
fi
# a bad file still gets a tree, with Bad nodes, and is marked
"$DRIP" parse -ast "$BAD/stmts.go" >"$TMP/ast" 2>/dev/null
if grep -q ': error [0-9]*:[0-9]*: ' "$TMP/ast" && grep -q '(BadStmt' "$TMP/ast"; then
    pass parse_errors_ast_of_bad_file
else
    fail parse_errors_ast_of_bad_file "$(head -c 300 "$TMP/ast")"
fi
# a missing file: exit 2, a tool error naming it
"$DRIP" parse "$TMP/missing.go" >/dev/null 2>"$TMP/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "^drip: error: cannot open '$TMP/missing.go': No such file or directory" "$TMP/err"; then
    pass parse_errors_missing_file
else
    fail parse_errors_missing_file "exit $rc: $(cat "$TMP/err")"
fi
# usage: no arguments is exit 2
"$DRIP" parse >/dev/null 2>&1
[ $? = 2 ] && pass parse_errors_usage || fail parse_errors_usage "no arguments did not exit 2"

# a folder with a link cycle and a link to a file: the walk ends, and each
# file is parsed once
mkdir -p "$TMP/tree/sub"
printf 'package p\n' >"$TMP/tree/sub/a.go"
ln -s .. "$TMP/tree/sub/up"
ln -s sub/a.go "$TMP/tree/b.go"
out=$("$DRIP" parse -ast "$TMP/tree" 2>&1 | grep -c '^# ')
if [ "$out" = 2 ]; then
    pass parse_errors_link_cycle
else
    fail parse_errors_link_cycle "parsed $out files, want 2"
fi

# The workers parse files while the walk still finds them; the report is in
# walk order whatever the number of threads. Two folders and a file named
# on the command line, a folder that is missing among them: exit 2 once all
# are read.
mkdir -p "$TMP/order/a" "$TMP/order/b"
for f in "$BAD"/*.go; do
    cp "$f" "$TMP/order/a/"
    cp "$f" "$TMP/order/b/x_$(basename "$f")"
done
DRIP_THREADS=1 "$DRIP" parse "$TMP/order/b" "$TMP/order/missing" "$BAD/stmts.go" "$TMP/order/a" \
    >/dev/null 2>"$TMP/one"
rc1=$?
ok=1
for t in 2 3 8; do
    DRIP_THREADS=$t "$DRIP" parse "$TMP/order/b" "$TMP/order/missing" "$BAD/stmts.go" "$TMP/order/a" \
        >/dev/null 2>"$TMP/many"
    rc=$?
    if [ "$rc" != 2 ] || ! cmp -s "$TMP/one" "$TMP/many"; then
        ok=0
        why="$t threads: exit $rc, $(diff "$TMP/one" "$TMP/many" | head -n 4)"
    fi
done
first=$(grep -v '^drip: error' "$TMP/one" | head -n 1 | cut -d: -f1)
last=$(tail -n 1 "$TMP/one" | cut -d: -f1)
if [ "$rc1" = 2 ] && [ "$ok" = 1 ] && grep -q "cannot open '$TMP/order/missing'" "$TMP/one" &&
    [ "$(dirname "$first")" = "$TMP/order/b" ] && [ "$(dirname "$last")" = "$TMP/order/a" ]; then
    pass parse_errors_same_order_any_threads
else
    fail parse_errors_same_order_any_threads "exit $rc1; ${why:-first $first last $last}"
fi
