# t_hostile_partial.sh - input cut short or corrupt (issue 14, point 7):
# the report of what was read, marked PARTIAL in text, JSON and HTML, and
# exit status 2; gzip with a bad checksum included.
. "$(dirname "$0")/lib.sh"
HD=$ROOT/testdata/hostile

# The first 400 bytes of a legacy text heap profile: its header counts
# 279632 bytes in use, the one record read holds 262144.
"$DRIP" heap "$HD/leg_trunc_400.txt" >"$TMP/l.txt" 2>"$TMP/l.err"
rc=$?
[ $rc = 2 ] && grep -q "^PARTIAL: the profile ends early at line 4: its records hold 262144 of the 279632 bytes in use" "$TMP/l.txt" &&
    grep -q "compress/flate.(\*compressor).init" "$TMP/l.txt" && grep -q "leg_trunc_400.txt: partial profile" "$TMP/l.err" &&
    pass partial/legacy-truncated || fail partial/legacy-truncated "status $rc: $(cat "$TMP/l.txt" "$TMP/l.err")"
"$DRIP" heap --format json "$HD/leg_trunc_400.txt" >"$TMP/l.json" 2>/dev/null
grep -q '"partial":"the profile ends early at line 4' "$TMP/l.json" && pass partial/legacy-json || fail partial/legacy-json "$(head -c 300 "$TMP/l.json")"
# The whole of the profile's first lines, ending where a record ends: the
# header's totals are short, so still partial; with all records, not.
printf 'heap profile: 2: 8192 [2: 8192] @ heap/1\n1: 4096 [1: 4096] @ 0x1\n#\t0x1\tmain.a+0x1\t/app/a.go:3\n\n' >"$TMP/short.txt"
"$DRIP" heap "$TMP/short.txt" >"$TMP/s.txt" 2>&1
[ $? = 2 ] && grep -q '^PARTIAL: the profile ends early' "$TMP/s.txt" && pass partial/legacy-records-missing || fail partial/legacy-records-missing "$(cat "$TMP/s.txt")"
printf '1: 4096 [1: 4096] @ 0x2\n#\t0x2\tmain.b+0x1\t/app/b.go:3\n' >>"$TMP/short.txt"
"$DRIP" heap "$TMP/short.txt" >"$TMP/s2.txt" 2>&1
[ $? = 0 ] && ! grep -q PARTIAL "$TMP/s2.txt" && pass partial/legacy-complete-not-flagged || fail partial/legacy-complete-not-flagged "$(cat "$TMP/s2.txt")"

# A gzip profile whose CRC is wrong: everything inflates, the checksum
# does not match.
python3 - "$HD/inject_heap.pb.gz" "$TMP/badcrc.pb.gz" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[-8] ^= 0xff  # the CRC-32 of the gzip trailer
open(sys.argv[2], "wb").write(d)
PY
"$DRIP" heap "$TMP/badcrc.pb.gz" >"$TMP/c.txt" 2>"$TMP/c.err"
rc=$?
[ $rc = 2 ] && grep -q "^PARTIAL: corrupt gzip data: incorrect data check" "$TMP/c.txt" && grep -q "main.<script>" "$TMP/c.txt" &&
    pass partial/heap-bad-checksum || fail partial/heap-bad-checksum "status $rc: $(head -n 3 "$TMP/c.txt") $(cat "$TMP/c.err")"
# A protobuf profile cut inside its string table cannot be read: an error.
python3 -c 'import gzip,sys; d=gzip.open(sys.argv[1]).read(); sys.stdout.buffer.write(d[:-30])' "$HD/inject_heap.pb.gz" >"$TMP/cut.pb"
"$DRIP" heap "$TMP/cut.pb" >"$TMP/p.txt" 2>"$TMP/p.err"
[ $? = 2 ] && grep -q "cut.pb: corrupt profile at byte" "$TMP/p.err" && pass partial/proto-cut-unreadable || fail partial/proto-cut-unreadable "$(cat "$TMP/p.err")"

# Goroutine dumps, gzip: truncated, and with a bad checksum. 39 goroutines
# blocked at one place; the bad-checksum one is read whole.
for i in $(seq 2 40); do
    printf 'goroutine %d [chan send, 3 minutes]:\nmain.f()\n\t/app/a.go:4 +0x25\ncreated by main.main in goroutine 1\n\t/app/a.go:9 +0x6a\n\n' $i
done | gzip -9 >"$TMP/d.gz"
python3 - "$TMP/d.gz" "$TMP/dcrc.gz" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[-8] ^= 0xff
open(sys.argv[2], "wb").write(d)
PY
head -c 150 "$TMP/d.gz" >"$TMP/dcut.gz"
for k in dcrc dcut; do
    "$DRIP" goroutines --no-source "$TMP/$k.gz" >"$TMP/$k.txt" 2>"$TMP/$k.err"
    rc=$?
    [ $rc = 2 ] && grep -q "^.*$k.gz: [0-9]* goroutines in 1 stack, PARTIAL: the input ends early or is corrupt" "$TMP/$k.txt" &&
        grep -q "/app/a.go:4: [0-9]* goroutines blocked on chan send" "$TMP/$k.txt" && pass "partial/dump-$k" ||
        fail "partial/dump-$k" "status $rc: $(head -n 3 "$TMP/$k.txt") $(cat "$TMP/$k.err")"
    "$DRIP" goroutines --no-source --format json "$TMP/$k.gz" 2>/dev/null | grep -q '"partial":true' && pass "partial/dump-$k-json" ||
        fail "partial/dump-$k-json" "no partial:true"
    "$DRIP" goroutines --no-source --format html "$TMP/$k.gz" 2>/dev/null | grep -q '<strong>PARTIAL</strong>' && pass "partial/dump-$k-html" ||
        fail "partial/dump-$k-html" "no PARTIAL"
done
grep -q ": 39 goroutines in 1 stack" "$TMP/dcrc.txt" && pass partial/dump-bad-checksum-all-read || fail partial/dump-bad-checksum-all-read "$(head -n 1 "$TMP/dcrc.txt")"
"$DRIP" goroutines --no-source --format json "$TMP/d.gz" 2>/dev/null | grep -q '"partial":false' && pass partial/dump-whole-not-flagged ||
    fail partial/dump-whole-not-flagged "partial set on a whole dump"

# drip report: a truncated snapshot is a gap, named as partial.
D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    for i in 1 2 3 4; do
        f=$(printf '%06d-heap.pb.gz' $i)
        printf 'heap profile: 1: 4096 [1: 4096] @ heap/1\n1: 4096 [1: 4096] @ 0x1\n#\t0x1\tmain.f+0x1\t/app/f.go:7\n' | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
    done
} >"$D/index.tsv"
cp "$TMP/badcrc.pb.gz" "$D/000003-heap.pb.gz"
"$DRIP" report --no-files "$D" >"$TMP/r.out" 2>"$TMP/r.err"
grep -q "000003-heap.pb.gz: partial snapshot: corrupt gzip data: incorrect data check; counted as a gap" "$TMP/r.err" &&
    grep -q "3 snapshots" "$TMP/r.out" && pass partial/report-snapshot-gap || fail partial/report-snapshot-gap "$(cat "$TMP/r.err" "$TMP/r.out")"
