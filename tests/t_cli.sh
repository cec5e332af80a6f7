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
