# t_watch_report.sh - drip report on a hand-made watch directory (legacy
# text heap snapshots whose names carry HTML): every string from a profile
# is escaped in report.html; a broken index line and an unreadable snapshot
# are reported and skipped, and the rest is still judged.
. "$(dirname "$0")/lib.sh"

D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1/<i>x</i>\n'
    i=1
    while [ $i -le 12 ]; do
        n=$((i * 40))
        f=$(printf '%06d-heap.pb.gz' $i)
        {
            printf 'heap profile: %d: %d [%d: %d] @ heap/1\n' $n $((n * 65536)) $n $((n * 65536))
            printf '%d: %d [%d: %d] @ 0x1 0x2\n' $n $((n * 65536)) $n $((n * 65536))
            printf '#\t0x1\tmain.<script>alert(1)</script>+0x1\t/app/<b>evil</b>.go:7\n'
            printf '#\t0x2\tmain.main+0x2\t/app/main.go:3\n\n'
            printf '1: 4096 [1: 4096] @ 0x3\n#\t0x3\tmain.steady+0x1\t/app/steady.go:9\n'
        } | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
        i=$((i + 1))
    done
    printf 'this line is broken\n'
    printf '13\t1700000013.000\theap\t000013-heap.pb.gz\t\n'
} >"$D/index.tsv"
printf 'not a profile' >"$D/000013-heap.pb.gz"

"$DRIP" report "$D" >"$TMP/out.txt" 2>"$TMP/err.txt"
rc=$?
[ "$rc" = 1 ] && pass report/fixture-leak-exit-1 || fail report/fixture-leak-exit-1 "status $rc: $(cat "$TMP/err.txt")"
grep -q '^/app/<b>evil</b>.go:7: heap leak: memory in use allocated by main.<script>alert(1)</script> grows steadily' "$TMP/out.txt" &&
    pass report/fixture-verdict || fail report/fixture-verdict "$(cat "$TMP/out.txt")"
if grep -q "steady.go" "$TMP/out.txt"; then fail report/fixture-steady-not-flagged "$(cat "$TMP/out.txt")"; else pass report/fixture-steady-not-flagged; fi
grep -q "index.tsv:15: malformed index line; skipped" "$TMP/err.txt" && pass report/broken-index-line ||
    fail report/broken-index-line "$(cat "$TMP/err.txt")"
grep -q "000013-heap.pb.gz: .*; counted as a gap" "$TMP/err.txt" && grep -q "gap at +.*unreadable snapshot 000013-heap.pb.gz" "$TMP/out.txt" &&
    pass report/unreadable-snapshot-gap || fail report/unreadable-snapshot-gap "$(cat "$TMP/err.txt" "$TMP/out.txt")"

H=$D/report.html
if grep -q "<script\|<b>evil\|<i>x" "$H"; then
    fail report/html-escapes "raw markup from the profile in $H: $(grep -o '.\{20\}<script.\{20\}\|<b>evil\|<i>x' "$H" | head -n 3)"
else
    pass report/html-escapes
fi
grep -q 'main.&lt;script&gt;alert(1)&lt;/script&gt;' "$H" && grep -q '/app/&lt;b&gt;evil&lt;/b&gt;.go:7' "$H" &&
    grep -q 'http://127.0.0.1:1/&lt;i&gt;x&lt;/i&gt;' "$H" && pass report/html-escaped-text-present ||
    fail report/html-escaped-text-present "escaped names missing"
[ -s "$D/verdict.txt" ] && ! grep -q "$(printf '\033')" "$D/verdict.txt" && pass report/verdict-file-plain ||
    fail report/verdict-file-plain "missing or colored"

# Stricter thresholds turn the verdict around.
"$DRIP" report --no-files --min-snapshots 20 "$D" >"$TMP/strict.txt" 2>/dev/null
[ $? = 3 ] && grep -q "inconclusive: 12 snapshots, need 20" "$TMP/strict.txt" && pass report/min-snapshots-flag ||
    fail report/min-snapshots-flag "$(cat "$TMP/strict.txt")"
"$DRIP" report --alpha 2 "$D" >/dev/null 2>"$TMP/e.txt"
[ $? = 2 ] && grep -q "alpha '2' is not a probability" "$TMP/e.txt" && pass report/bad-alpha || fail report/bad-alpha "$(cat "$TMP/e.txt")"
