# t_check_load.sh - drip check loads packages like the go tool, and says so:
# go.work roots check the modules they use, a tree of modules with no
# go.mod on top checks each module, nested modules under a module are left
# out with a note, and a pattern that matches no packages is an error.
. "$(dirname "$0")/lib.sh"

# mkmod DIR PATH: a module with one leaky function (one finding each)
mkmod() {
    mkdir -p "$1"
    printf 'module %s\n\ngo 1.22\n' "$2" >"$1/go.mod"
    printf 'package p\n\nfunc F() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n}\n' >"$1/p.go"
}
findings() { grep -c '(abandoned-channel)$' "$1"; }

# a go.work root: its used modules, not the other nested one
W=$TMP/work
mkmod "$W/a" example.com/a
mkmod "$W/b" example.com/b
mkmod "$W/c" example.com/c
printf 'go 1.22\n\nuse (\n\t./a\n\t"./b" // quoted, with a comment\n)\n' >"$W/go.work"
(cd "$W" && "$DRIP" check ./... >"$TMP/w.out" 2>"$TMP/w.err")
rc=$?
[ $rc = 1 ] && [ "$(findings "$TMP/w.out")" = 2 ] && grep -q '^a/p.go' "$TMP/w.out" && grep -q '^b/p.go' "$TMP/w.out" &&
    ! grep -q '^c/' "$TMP/w.out" && pass load/go-work-use || fail load/go-work-use "exit $rc: $(cat "$TMP/w.out" "$TMP/w.err")"
grep -q "note: './...': go.work uses 2 modules; 2 of them checked" "$TMP/w.err" && pass load/go-work-note ||
    fail load/go-work-note "$(cat "$TMP/w.err")"
# the one-line form
printf 'go 1.22\nuse ./c\n' >"$W/go.work"
(cd "$W" && "$DRIP" check ./... >"$TMP/w1.out" 2>/dev/null)
[ "$(findings "$TMP/w1.out")" = 1 ] && grep -q '^c/p.go' "$TMP/w1.out" && pass load/go-work-use-line ||
    fail load/go-work-use-line "$(cat "$TMP/w1.out")"

# a tree of modules with no go.mod on top: each module checked
T=$TMP/tree/github.com/org
mkmod "$T/one" github.com/org/one
mkmod "$T/two" github.com/org/two
mkmod "$T/two/sub" github.com/org/two/sub
"$DRIP" check "$TMP/tree/..." >"$TMP/t.out" 2>"$TMP/t.err"
rc=$?
[ $rc = 1 ] && [ "$(findings "$TMP/t.out")" = 3 ] && pass load/tree-of-modules ||
    fail load/tree-of-modules "exit $rc: $(cat "$TMP/t.out" "$TMP/t.err")"
grep -q "no go.mod above it; its 3 modules are each checked" "$TMP/t.err" && pass load/tree-of-modules-note ||
    fail load/tree-of-modules-note "$(cat "$TMP/t.err")"

# under a module: nested modules left out as the go tool does, with a note
"$DRIP" check "$T/two/..." >"$TMP/n.out" 2>"$TMP/n.err"
rc=$?
[ $rc = 1 ] && [ "$(findings "$TMP/n.out")" = 1 ] && grep -q "1 nested module left out" "$TMP/n.err" &&
    pass load/nested-left-out || fail load/nested-left-out "exit $rc: $(cat "$TMP/n.out" "$TMP/n.err")"
# go list agrees: it lists the module's package and not the nested one
listed=$(cd "$T/two" && go list ./... 2>&1)
if [ "$listed" = github.com/org/two ]; then
    pass load/nested-as-go-list
else
    fail load/nested-as-go-list "go list ./... printed: $listed"
fi

# patterns that match nothing: exit 2, as go vet
mkdir -p "$TMP/empty/deeper" "$TMP/nogo"
echo 'not go' >"$TMP/nogo/README"
"$DRIP" check "$TMP/empty/..." >/dev/null 2>"$TMP/e.err"
rc=$?
[ $rc = 2 ] && grep -q "pattern '$TMP/empty/...' matched no packages" "$TMP/e.err" && pass load/no-packages-dots ||
    fail load/no-packages-dots "exit $rc: $(cat "$TMP/e.err")"
"$DRIP" check "$TMP/nogo" >/dev/null 2>"$TMP/e2.err"
rc=$?
[ $rc = 2 ] && grep -q "no Go files in '$TMP/nogo'" "$TMP/e2.err" && pass load/no-go-files ||
    fail load/no-go-files "exit $rc: $(cat "$TMP/e2.err")"
