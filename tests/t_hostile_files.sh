# t_hostile_files.sh - only regular files are read (issue 14, point 2):
# report refuses symbolic links, FIFOs and devices inside the directory;
# parse and check refuse FIFOs instead of blocking; heap and goroutines
# read a FIFO the user names; every skipped path is said once with its
# reason, grouped when there are many.
. "$(dirname "$0")/lib.sh"

legacy() {
    printf 'heap profile: %d: %d [%d: %d] @ heap/1\n' $1 $(($1 * 65536)) $1 $(($1 * 65536))
    printf '%d: %d [%d: %d] @ 0x1\n#\t0x1\tmain.grow+0x1\t/app/grow.go:7\n' $1 $(($1 * 65536)) $1 $(($1 * 65536))
}
D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        f=$(printf '%06d-heap.pb.gz' $i)
        legacy $((i * 40)) | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
    done
} >"$D/index.tsv"
# Snapshot 5 is a link to /dev/zero, 6 a FIFO nobody writes, 7 a link to
# a good file outside the directory.
rm "$D/000005-heap.pb.gz" "$D/000006-heap.pb.gz" "$D/000007-heap.pb.gz"
ln -s /dev/zero "$D/000005-heap.pb.gz"
mkfifo "$D/000006-heap.pb.gz"
legacy 280 | gzip >"$TMP/outside.gz"
ln -s "$TMP/outside.gz" "$D/000007-heap.pb.gz"
timeout 20 "$DRIP" report --no-files "$D" >"$TMP/r.out" 2>"$TMP/r.err"
rc=$?
[ $rc != 124 ] && pass files/report-no-hang || fail files/report-no-hang "timed out"
grep -q "000005-heap.pb.gz': a symbolic link, which is not followed here; counted as a gap" "$TMP/r.err" &&
    grep -q "000007-heap.pb.gz': a symbolic link, which is not followed here" "$TMP/r.err" &&
    pass files/report-refuses-symlinks || fail files/report-refuses-symlinks "$(cat "$TMP/r.err")"
grep -q "000006-heap.pb.gz': not a regular file (a FIFO, device or socket); counted as a gap" "$TMP/r.err" &&
    pass files/report-refuses-fifo || fail files/report-refuses-fifo "$(cat "$TMP/r.err")"
[ $rc = 1 ] && grep -q "9 snapshots" "$TMP/r.out" && grep -q "/app/grow.go:7: heap leak" "$TMP/r.out" &&
    pass files/report-rest-judged || fail files/report-rest-judged "status $rc: $(cat "$TMP/r.out")"
mv "$D/index.tsv" "$TMP/index.tsv" && ln -s "$TMP/index.tsv" "$D/index.tsv"
timeout 20 "$DRIP" report --no-files "$D" >/dev/null 2>"$TMP/i.err"
[ $? = 2 ] && grep -q "index.tsv': a symbolic link, which is not followed here" "$TMP/i.err" && pass files/report-index-symlink ||
    fail files/report-index-symlink "$(cat "$TMP/i.err")"

# parse and check on a FIFO: refused at once, with the reason.
mkfifo "$TMP/fifo.go"
timeout 10 "$DRIP" parse "$TMP/fifo.go" >/dev/null 2>"$TMP/p.err"
rc=$?
[ $rc = 2 ] && grep -q "cannot open '.*fifo.go': not a regular file (a FIFO, device or socket)" "$TMP/p.err" &&
    pass files/parse-fifo || fail files/parse-fifo "status $rc: $(cat "$TMP/p.err")"
timeout 10 "$DRIP" check "$TMP/fifo.go" >/dev/null 2>"$TMP/c.err"
rc=$?
[ $rc = 2 ] && grep -q "cannot open '.*fifo.go': not a regular file (a FIFO, device or socket)" "$TMP/c.err" &&
    pass files/check-fifo || fail files/check-fifo "status $rc: $(cat "$TMP/c.err")"
# ... while heap and goroutines read a FIFO named on the command line.
legacy 4 >"$TMP/h.txt"
mkfifo "$TMP/h.fifo"
(cat "$TMP/h.txt" >"$TMP/h.fifo") &
timeout 10 "$DRIP" heap "$TMP/h.fifo" >"$TMP/hf.out" 2>&1
[ $? = 0 ] && grep -q "main.grow" "$TMP/hf.out" && pass files/heap-named-fifo || fail files/heap-named-fifo "$(cat "$TMP/hf.out")"
wait

# drip check and drip parse over a tree with a dangling link, a looping
# link, a FIFO and 25 more FIFOs: each said once, the many grouped.
M=$TMP/m
mkdir -p "$M"
printf 'module example.com/m\n\ngo 1.21\n' >"$M/go.mod"
printf 'package m\n\nfunc F() {}\n' >"$M/a.go"
ln -s nowhere.go "$M/dangling.go"
ln -s loop.go "$M/loop.go"
for i in $(seq 1 25); do mkfifo "$M/f$i.go"; done
(cd "$M" && timeout 20 "$DRIP" check ./... >"$TMP/m.out" 2>"$TMP/m.err")
rc=$?
[ $rc != 124 ] && pass files/check-walk-no-hang || fail files/check-walk-no-hang "timed out"
grep -q "skipped 'dangling.go': a dangling symbolic link" "$TMP/m.err" && grep -q "skipped 'loop.go': a symbolic link that loops" "$TMP/m.err" &&
    pass files/check-links-reported || fail files/check-links-reported "$(cat "$TMP/m.err")"
n=$(grep -c "not a regular file" "$TMP/m.err")
grep -q "^drip: warning: ... and 15 more skipped: not a regular file (a FIFO, device or socket)$" "$TMP/m.err" && [ "$n" = 11 ] &&
    pass files/check-grouped || fail files/check-grouped "$n lines: $(tail -n 3 "$TMP/m.err")"
timeout 20 "$DRIP" parse "$M" >/dev/null 2>"$TMP/mp.err"
rc=$?
[ $rc != 124 ] && grep -q "skipped '.*dangling.go': a dangling symbolic link" "$TMP/mp.err" &&
    grep -q "and 15 more skipped: not a regular file" "$TMP/mp.err" && pass files/parse-walk-reported ||
    fail files/parse-walk-reported "status $rc: $(cat "$TMP/mp.err")"
