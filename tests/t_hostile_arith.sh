# t_hostile_arith.sh - numbers at the edge of their types (issue 14,
# point 6): sample values near INT64_MAX are summed exactly (128 bits) and
# shown clamped, with a note; counts, line numbers and times out of range
# are errors naming where they are, never wrapped values.
. "$(dirname "$0")/lib.sh"
HD=$ROOT/testdata/hostile

# huge_values.pb.gz: main.leak allocates INT64_MAX twice; runtime.malg
# holds one sample of INT64_MIN. Exact sums: total 2^63-2, main.leak's
# flat 2^64-2 (clamped to INT64_MAX), runtime.malg's cum 2^63-2.
"$DRIP" heap --raw --format json "$HD/huge_values.pb.gz" >"$TMP/h.json" 2>"$TMP/h.err"
rc=$?
[ $rc = 0 ] && grep -q '"total":9223372036854775806,' "$TMP/h.json" && pass arith/exact-total ||
    fail arith/exact-total "status $rc: $(head -c 400 "$TMP/h.json") $(cat "$TMP/h.err")"
grep -q '"function":"main.leak".*"flat":9223372036854775807,"cum":9223372036854775807' "$TMP/h.json" &&
    pass arith/clamped-not-wrapped || fail arith/clamped-not-wrapped "$(head -c 600 "$TMP/h.json")"
grep -q '"function":"runtime.malg".*"cum":9223372036854775806' "$TMP/h.json" && pass arith/exact-cum ||
    fail arith/exact-cum "$(head -c 600 "$TMP/h.json")"
grep -q '"saturated":true' "$TMP/h.json" && pass arith/json-saturated || fail arith/json-saturated "$(tail -c 200 "$TMP/h.json")"
"$DRIP" heap "$HD/huge_values.pb.gz" >"$TMP/h.txt" 2>&1
grep -q '^ *8192PB 100.00% .*main.leak' "$TMP/h.txt" && grep -q '^note: some sums leave the 64-bit range' "$TMP/h.txt" &&
    pass arith/text-note || fail arith/text-note "$(cat "$TMP/h.txt")"

# debug=1 counts of 2^64-1 and 10^23: errors naming the line, records left
# out; the other three goroutines are counted.
"$DRIP" goroutines --no-source "$HD/debug1_hugecount.txt" >"$TMP/g.txt" 2>"$TMP/g.err"
grep -q "debug1_hugecount.txt:2: goroutine count 18446744073709551615 is out of range" "$TMP/g.err" &&
    grep -q "debug1_hugecount.txt:5: goroutine count 99999999999999999999999 is out of range" "$TMP/g.err" &&
    pass arith/count-out-of-range || fail arith/count-out-of-range "$(cat "$TMP/g.err")"
grep -q ": 3 goroutines in 3 stacks" "$TMP/g.txt" && ! grep -q '18446744073709551615\|^.*: 1 goroutine ' "$TMP/g.txt" &&
    pass arith/count-not-wrapped || fail arith/count-not-wrapped "$(head -n 3 "$TMP/g.txt")"

# A line number past 2^32 in a debug=2 dump.
printf 'goroutine 1 [chan send, 3 minutes]:\nmain.f()\n\t/app/a.go:4294967296 +0x25\ncreated by main.main in goroutine 1\n\t/app/a.go:99999999999999999999 +0x6a\n' >"$TMP/l.txt"
"$DRIP" goroutines --no-source "$TMP/l.txt" >"$TMP/l.out" 2>"$TMP/l.err"
grep -q "l.txt:3: line number out of range (at most 4294967294); read as unknown" "$TMP/l.err" &&
    grep -q "l.txt:5: line number out of range" "$TMP/l.err" && pass arith/line-out-of-range ||
    fail arith/line-out-of-range "$(cat "$TMP/l.err")"
if grep -q '4294967295\|4294967296' "$TMP/l.out"; then fail arith/line-not-clamped "$(cat "$TMP/l.out")"; else pass arith/line-not-clamped; fi

# An index time of -1e308 and 1e300, and a sequence number past 32 bits.
D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    for i in 1 2 3; do
        f=$(printf '%06d-heap.pb.gz' $i)
        printf 'heap profile: 1: 4096 [1: 4096] @ heap/1\n1: 4096 [1: 4096] @ 0x1\n#\t0x1\tmain.f+0x1\t/app/f.go:7\n' | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
    done
    printf '4\t-1e308\theap\t000001-heap.pb.gz\t\n5\t1e300\theap\t000001-heap.pb.gz\t\n'
    printf '99999999999\t1700000009.000\theap\t000001-heap.pb.gz\t\n'
} >"$D/index.tsv"
"$DRIP" report --no-files "$D" >"$TMP/r.out" 2>"$TMP/r.err"
grep -q "index.tsv:6: time '-1e308' out of range; skipped" "$TMP/r.err" && grep -q "index.tsv:7: time '1e300' out of range" "$TMP/r.err" &&
    grep -q "index.tsv:8: sequence number '99999999999' out of range" "$TMP/r.err" && pass arith/index-out-of-range ||
    fail arith/index-out-of-range "$(cat "$TMP/r.err")"
grep -q "3 snapshots over 2.0s" "$TMP/r.out" && pass arith/index-rest-used || fail arith/index-rest-used "$(head -n 2 "$TMP/r.out")"
