# t_check_robust.sh - drip check on broken code: every file of a few
# standard-library packages cut at a third and at two thirds of its length
# (unbalanced braces, half statements) and with lines dropped. Syntax errors
# are reported, rules run on what parsed, and drip neither crashes nor hangs.
. "$(dirname "$0")/lib.sh"

src=$(go env GOROOT)/src
n=0
for pkg in context net/http time os runtime sync bufio; do
    for f in "$src/$pkg"/*.go; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        d="$TMP/p$n"
        mkdir -p "$d"
        size=$(wc -c <"$f")
        head -c $((size / 3)) "$f" >"$d/a.go"
        head -c $((size * 2 / 3)) "$f" >"$d/b.go"
        awk 'NR % 7 != 3' "$f" >"$d/c.go"
        cp "$f" "$d/d.go"
    done
done
timeout 120 "$DRIP" check --stats "$TMP"/... >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
    pass "check-robust/broken-files"
else
    fail "check-robust/broken-files" "exit $rc: $(grep -v ':[0-9]*:[0-9]*: ' "$TMP/err" | head -n 3)"
fi
grep -q 'syntax errors' "$TMP/err" && ! grep -q ' 0 syntax errors' "$TMP/err" &&
    pass "check-robust/syntax-errors-counted" || fail "check-robust/syntax-errors-counted" "$(grep 'packages' "$TMP/err")"
grep 'packages' "$TMP/err"
