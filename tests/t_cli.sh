# t_cli.sh - drip's own command line: the version with the commit it was
# built from, help for a command, and did-you-mean for a mistyped one.
. "$(dirname "$0")/lib.sh"

commit=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null)
for flag in --version -version version; do
    out=$("$DRIP" $flag 2>&1)
    rc=$?
    if [ $rc = 0 ] && echo "$out" | grep -Eq "^drip [0-9]+\.[0-9]+\.[0-9]+ \(commit ${commit:-unknown}(-dirty)?\)$"; then
        pass "cli/version$flag"
    else
        fail "cli/version$flag" "exit $rc: $out (HEAD is ${commit:-unknown})"
    fi
done

for cmd in check explain goroutines heap watch report parse; do
    out=$("$DRIP" help $cmd 2>&1)
    rc=$?
    if [ $rc = 0 ] && echo "$out" | head -n 1 | grep -q "^usage: drip $cmd "; then
        pass "cli/help-$cmd"
    else
        fail "cli/help-$cmd" "exit $rc: $(echo "$out" | head -n 2)"
    fi
done

# a mistyped command: exit 2, the closest command named
for typo in chek gorutines hepa explian parze; do
    err=$("$DRIP" $typo 2>&1 >/dev/null)
    rc=$?
    want=$(case $typo in chek) echo check ;; gorutines) echo goroutines ;; hepa) echo heap ;; explian) echo explain ;; parze) echo parse ;; esac)
    if [ $rc = 2 ] && echo "$err" | grep -q "^drip: error: unknown command '$typo'$" &&
        echo "$err" | grep -q "^drip: did you mean 'drip $want'?$"; then
        pass "cli/did-you-mean-$typo"
    else
        fail "cli/did-you-mean-$typo" "exit $rc: $err"
    fi
done
# nothing close: the list of commands instead
err=$("$DRIP" zzzzzzzz 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q '^commands:$' && ! echo "$err" | grep -q 'did you mean' &&
    pass cli/unknown-lists-commands || fail cli/unknown-lists-commands "exit $rc: $err"
err=$("$DRIP" help zzzzzzzz 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "unknown command 'zzzzzzzz'" && pass cli/help-unknown || fail cli/help-unknown "exit $rc: $err"

# flags: did-you-mean, and -checks read as a long flag, not -c hecks
L=$ROOT/examples/leaky/...
err=$("$DRIP" check --contxt 2 "$L" 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "^did you mean '--context'?$" && pass cli/flag-did-you-mean || fail cli/flag-did-you-mean "exit $rc: $err"
err=$("$DRIP" goroutines --by-lable x 2>&1 >/dev/null)
echo "$err" | grep -q "^did you mean '--by-label'?$" && pass cli/flag-did-you-mean-goroutines || fail cli/flag-did-you-mean-goroutines "$err"
out=$("$DRIP" check -checks lock-order "$L" 2>&1)
rc=$?
[ $rc = 1 ] && [ -n "$out" ] && ! echo "$out" | grep -v '(lock-order)$' | grep -q . && pass cli/checks-single-dash ||
    fail cli/checks-single-dash "exit $rc: $(echo "$out" | head -n 3)"
# staticcheck's forms: all, -name, globs; the result is the set difference
all=$("$DRIP" check "$L" | sed -n 's/.*(\([a-z-]*\))$/\1/p' | sort)
got=$("$DRIP" check --checks 'all,-ticker-leak,-mutex-*' "$L" | sed -n 's/.*(\([a-z-]*\))$/\1/p' | sort)
want=$(echo "$all" | grep -v -e '^ticker-leak$' -e '^mutex-')
[ -n "$got" ] && [ "$got" = "$want" ] && [ "$got" != "$all" ] && pass cli/checks-all-minus-glob ||
    fail cli/checks-all-minus-glob "got: $(echo $got) want: $(echo $want)"
err=$("$DRIP" check --checks all --disable lock-order "$L" 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q -- '--checks and --disable cannot be used together' && pass cli/checks-conflict ||
    fail cli/checks-conflict "exit $rc: $err"
# rules: did-you-mean in check and explain
err=$("$DRIP" check --enable lock-ordr "$L" 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "^did you mean 'lock-order'?$" && pass cli/rule-did-you-mean-check || fail cli/rule-did-you-mean-check "exit $rc: $err"
err=$("$DRIP" explain mutex-not-unlock 2>&1 >/dev/null)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "^did you mean 'mutex-not-unlocked'?$" && pass cli/rule-did-you-mean-explain || fail cli/rule-did-you-mean-explain "exit $rc: $err"
# a short flag still takes a number stuck to it
"$DRIP" check -c2 --enable lock-order "$L" | grep -q '^ *[0-9]* | ' && pass cli/short-flag-number || fail cli/short-flag-number "no excerpt with -c2"

# -f on every command that reports: check --list and heap
"$DRIP" check --list -f json >"$TMP/list.json" 2>&1
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["rules"]))' "$TMP/list.json" 2>&1)
want=$("$DRIP" check --list | wc -l)
[ "$n" = "$want" ] && pass cli/list-json || fail cli/list-json "$n rules in JSON, $want in text: $(head -c 200 "$TMP/list.json")"
"$DRIP" check --list -f sarif >/dev/null 2>&1
[ $? = 2 ] && pass cli/list-bad-format || fail cli/list-bad-format "--list -f sarif accepted"
"$DRIP" heap -f json "$ROOT/examples/profiles/leaky.heap.pb.gz" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["rows"]' 2>"$TMP/hj.err" &&
    pass cli/heap-f-json || fail cli/heap-f-json "$(cat "$TMP/hj.err")"

# one catalogue: every leak category drip goroutines and drip heap print on
# the suite's dumps and profiles is a name of drip explain --list (a rule or
# a runtime-only kind), and drip explain documents it
names=$("$DRIP" explain --list | cut -f1)
cats=$( (for f in "$ROOT"/testdata/goroutines/*.txt "$ROOT"/examples/dumps/*.txt; do
    "$DRIP" goroutines --no-source "$f" 2>/dev/null | sed -n 's/^    leak: .*\[\([a-z-]*\)\]$/\1/p'
done
for f in "$ROOT"/examples/profiles/*.pb.gz; do
    "$DRIP" heap "$f" 2>/dev/null | sed -n 's/^\[\([a-z-]*\)\] .*/\1/p'
done) | sort -u)
bad=
for c in $cats; do
    echo "$names" | grep -qx -- "$c" || { bad="$bad $c(not-a-name)"; continue; }
    out=$("$DRIP" explain "$c" 2>&1) || { bad="$bad $c"; continue; }
    echo "$out" | grep -q "^$c: " || bad="$bad $c(no-doc)"
done
[ "$(echo "$cats" | wc -w)" -ge 3 ] && [ -z "$bad" ] && pass cli/explain-every-category ||
    fail cli/explain-every-category "categories: $(echo $cats); not explained: $bad"

# drip 0.1's names still explain, under their new names
out=$("$DRIP" explain send-no-receiver 2>&1) && echo "$out" | grep -q '^abandoned-channel: ' &&
    out2=$("$DRIP" explain ticker-not-stopped 2>&1) && echo "$out2" | grep -q '^ticker-leak: ' &&
    pass cli/explain-old-names || fail cli/explain-old-names "$out $out2"
out=$("$DRIP" explain iter-pull-not-stopped 2>&1) && echo "$out" | grep -q 'runtime-only' &&
    echo "$out" | grep -q '^Fixed:' && pass cli/explain-runtime-only || fail cli/explain-runtime-only "$out"
