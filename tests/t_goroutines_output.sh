# t_goroutines_output.sh - the writers of drip goroutines: HTML is one
# self-contained page with every string from the dump escaped; color only
# on a terminal, never with NO_COLOR; --output and --verbose.
. "$(dirname "$0")/lib.sh"
D=$ROOT/testdata/goroutines

"$DRIP" goroutines -f html --no-source "$D/script.txt" >"$TMP/x.html" 2>"$TMP/x.err"
rc=$?
[ $rc = 1 ] && pass goroutines-out/html-status || fail goroutines-out/html-status "exit $rc"
if grep -qi '<script' "$TMP/x.html"; then fail goroutines-out/html-no-script "$(grep -i '<script' "$TMP/x.html" | head -n 2)"; else pass goroutines-out/html-no-script; fi
if grep -qi '<img' "$TMP/x.html"; then fail goroutines-out/html-no-img "raw <img> from the dump"; else pass goroutines-out/html-no-img; fi
grep -q 'main.&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/x.html" && pass goroutines-out/html-escaped ||
    fail goroutines-out/html-escaped "escaped function name missing"
grep -q 'main.&quot;quoted&quot;&amp;amp;' "$TMP/x.html" && pass goroutines-out/html-escaped-amp ||
    fail goroutines-out/html-escaped-amp "escaped creator missing"
head -c 15 "$TMP/x.html" | grep -q '<!DOCTYPE html>' && tail -n 1 "$TMP/x.html" | grep -q '</html>' &&
    pass goroutines-out/html-complete || fail goroutines-out/html-complete "not a whole page"
# an HTML report of a real-format dump names the suspect
"$DRIP" goroutines -f html -o "$TMP/y.html" --no-source "$D/go117_sigquit.txt" >"$TMP/y.stdout" 2>&1
grep -q '/srv/shop/internal/orders/notify.go:88' "$TMP/y.html" && [ ! -s "$TMP/y.stdout" ] &&
    pass goroutines-out/html-output-file || fail goroutines-out/html-output-file "$(head -c 200 "$TMP/y.stdout")"
# self-contained: nothing fetched
if grep -qiE '<link|<script|<img|<iframe|src=|href=|@import|url\(' "$TMP/y.html"; then fail goroutines-out/html-self-contained "$(grep -oiE '<link|<script|<img|src=|href=|@import|url\(' "$TMP/y.html" | head -n 3)"; else pass goroutines-out/html-self-contained; fi
"$DRIP" goroutines -f html --no-source "$D/go117_sigquit.txt" "$D/go121_stack.txt" >"$TMP/z.html" 2>/dev/null
grep -q 'Growth across 2 snapshots' "$TMP/z.html" && pass goroutines-out/html-diff || fail goroutines-out/html-diff "no growth table"

# color: none when piped, none with NO_COLOR on a terminal, some on a terminal
NO_COLOR= "$DRIP" goroutines --no-source "$D/go117_sigquit.txt" >"$TMP/pipe.out" 2>&1
esc=$(printf '\033')
if grep -q "$esc" "$TMP/pipe.out"; then fail goroutines-out/no-color-pipe "escape codes in piped output"; else pass goroutines-out/no-color-pipe; fi
if command -v script >/dev/null 2>&1; then
    env -u NO_COLOR script -qec "$DRIP goroutines --no-source $D/go117_sigquit.txt" /dev/null >"$TMP/tty.out" 2>&1
    grep -q "$esc\\[" "$TMP/tty.out" && pass goroutines-out/color-tty || fail goroutines-out/color-tty "no color on a terminal"
    NO_COLOR=1 script -qec "$DRIP goroutines --no-source $D/go117_sigquit.txt" /dev/null >"$TMP/tty2.out" 2>&1
    if grep -q "$esc\\[" "$TMP/tty2.out"; then fail goroutines-out/no-color-env "color despite NO_COLOR"; else pass goroutines-out/no-color-env; fi
    grep -q 'notify.go:88' "$TMP/tty2.out" && pass goroutines-out/tty-report || fail goroutines-out/tty-report "$(head -c 200 "$TMP/tty2.out")"
else
    fail goroutines-out/color-tty "the script command is missing (util-linux)"
fi

# --verbose prints the stack of each suspect, blamed frame included
NO_COLOR=1 "$DRIP" goroutines -v --no-source "$D/go117_sigquit.txt" >"$TMP/v.out" 2>&1
grep -q 'sync.(\*Mutex).lockSlow' "$TMP/v.out" && pass goroutines-out/verbose-stack || fail goroutines-out/verbose-stack "no stack"
NO_COLOR=1 "$DRIP" goroutines --no-source "$D/go117_sigquit.txt" >"$TMP/nv.out" 2>&1
if grep -q 'lockSlow' "$TMP/nv.out"; then fail goroutines-out/terse-default "stack printed without -v"; else pass goroutines-out/terse-default; fi

# Go 1.27 labels and Go's leak verdict in HTML, escaped
"$DRIP" goroutines -f html --no-source --by-label request "$D/go127_leak2.txt" >"$TMP/l.html" 2>/dev/null
grep -q 'labels <code>{handler: /api, request: &quot;r-42&quot;}</code> (1)' "$TMP/l.html" &&
    grep -q 'request=</small><code>r-42</code>' "$TMP/l.html" && pass goroutines-out/html-labels ||
    fail goroutines-out/html-labels "no escaped label set or label value"
grep -q '<b>1 proven leaked</b>' "$TMP/l.html" && pass goroutines-out/html-proven || fail goroutines-out/html-proven "no proven leak"
