# t_heap_pprof.sh - drip heap on real profiles written by a Go program:
# agreement with go tool pprof -top (same top functions, same flat values)
# for every sample index and for -diff_base, the legacy text form, and
# clear errors for corrupt, truncated and missing files.
. "$(dirname "$0")/lib.sh"

if ! (cd "$ROOT/tests/pprof/heapgen" && go build -o "$TMP/heapgen" .) >"$TMP/build.log" 2>&1; then
    fail heap/build-heapgen "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
mkdir -p "$TMP/new" "$TMP/old"
"$TMP/heapgen" -out "$TMP/new" -stacks 3000 -rate 1 || fail heap/heapgen-run "new"
"$TMP/heapgen" -out "$TMP/old" -stacks 300 -rate 1 -keep 2 || fail heap/heapgen-run "old"
P=$TMP/new/heap.pb.gz

# top_pprof ARGS...: "name flat" for pprof's rows with nonzero flat.
top_pprof() {
    go tool pprof -top -nodefraction=0 -nodecount=100000 -unit=B "$@" 2>/dev/null |
        awk 'f && $1 != "0" { v=$1; sub(/B$/, "", v); n=$6; print n, v } /^ *flat +flat%/ { f=1 }'
}
# top_drip ARGS...: the same from drip heap --functions --raw.
top_drip() {
    "$DRIP" heap --functions --raw --top 0 --no-hints "$@" 2>/dev/null |
        awk 'f && $1 != "0" { print $6, $1 } /^ *flat +flat%/ { f=1 }'
}

for idx in inuse_space inuse_objects alloc_space alloc_objects; do
    top_pprof -sample_index=$idx "$P" | head -n 10 >"$TMP/pp-$idx"
    top_drip --sample-index $idx "$P" >"$TMP/dr-$idx"
    if [ ! -s "$TMP/pp-$idx" ]; then
        fail heap/pprof-agrees-$idx "go tool pprof printed no rows"
        continue
    fi
    missing=$(grep -vxF -f "$TMP/dr-$idx" "$TMP/pp-$idx")
    top_p=$(head -n 1 "$TMP/pp-$idx")
    top_d=$(head -n 1 "$TMP/dr-$idx")
    if [ -z "$missing" ] && [ "$top_p" = "$top_d" ]; then
        pass heap/pprof-agrees-$idx
    else
        fail heap/pprof-agrees-$idx "pprof top '$top_p', drip top '$top_d'; not in drip: $missing"
    fi
done

# -diff_base semantics.
top_pprof -diff_base="$TMP/old/heap.pb.gz" -sample_index=alloc_space "$P" | head -n 10 >"$TMP/pp-diff"
top_drip --base "$TMP/old/heap.pb.gz" --sample-index alloc_space "$P" >"$TMP/dr-diff"
missing=$(grep -vxF -f "$TMP/dr-diff" "$TMP/pp-diff")
[ -s "$TMP/pp-diff" ] && [ -z "$missing" ] && pass heap/pprof-agrees-diff-base ||
    fail heap/pprof-agrees-diff-base "not in drip: $missing"
"$DRIP" heap --base "$P" "$P" >"$TMP/self.txt" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "minus .*: 0B" "$TMP/self.txt" && pass heap/diff-self-is-empty ||
    fail heap/diff-self-is-empty "status $rc: $(head -n 3 "$TMP/self.txt")"
"$DRIP" heap --base "$TMP/old/heap.pb.gz" --sample-index alloc_space "$P" >/dev/null 2>&1
[ $? = 1 ] && pass heap/diff-growth-exit-1 || fail heap/diff-growth-exit-1 "want status 1 when sites grew"

# Sites: first user-code frame, with file:line and the seed category.
line=$(grep -n 'keptStr = append(keptStr, big\[:8\])' "$ROOT/tests/pprof/heapgen/main.go" | cut -d: -f1)
rep=$((line - 1))
"$DRIP" heap "$P" >"$TMP/site.txt" 2>&1
grep -q "main.retainSubstrings .*heapgen/main.go:$rep  \[subslice-retention\]" "$TMP/site.txt" &&
    pass heap/site-user-frame-and-category || fail heap/site-user-frame-and-category "$(head -n 5 "$TMP/site.txt")"
if grep -q "strings.(\*Builder)" "$TMP/site.txt"; then
    fail heap/site-skips-std "$(head -n 5 "$TMP/site.txt")"
else
    pass heap/site-skips-std
fi

# The legacy text form gives the same sites and values as the protobuf.
"$DRIP" heap --raw --no-hints --top 5 "$TMP/new/heap.txt" | tail -n +2 | awk '{print $1, $6, $7}' >"$TMP/legacy"
"$DRIP" heap --raw --no-hints --top 5 "$P" | tail -n +2 | awk '{print $1, $6, $7}' >"$TMP/proto"
[ -s "$TMP/legacy" ] && cmp -s "$TMP/legacy" "$TMP/proto" && pass heap/legacy-text-matches-proto ||
    fail heap/legacy-text-matches-proto "$(diff "$TMP/legacy" "$TMP/proto" | head -n 4)"

# Goroutine profiles in protobuf form.
"$DRIP" heap --sample-index goroutine --functions --raw "$TMP/new/goroutine.pb.gz" >"$TMP/gor.txt" 2>&1
grep -q " 10 .* main.blockForever" "$TMP/gor.txt" && pass heap/goroutine-profile ||
    fail heap/goroutine-profile "$(head -n 6 "$TMP/gor.txt")"

# Errors: clear, naming the file, status 2, never a crash.
expect_error() {
    name=$1 want=$2; shift 2
    "$DRIP" heap "$@" >"$TMP/e.out" 2>"$TMP/e.err"
    rc=$?
    if [ "$rc" = 2 ] && grep -q "$want" "$TMP/e.err"; then pass "$name"; else fail "$name" "status $rc: $(cat "$TMP/e.err")"; fi
}
head -c 3000 "$P" >"$TMP/trunc.pb.gz"
expect_error heap/error-truncated-gzip "drip: error: $TMP/trunc.pb.gz: truncated gzip data" "$TMP/trunc.pb.gz"
gzip -dc "$P" >"$TMP/raw.pb"
size=$(wc -c <"$TMP/raw.pb")
head -c $((size / 2)) "$TMP/raw.pb" >"$TMP/half.pb"
expect_error heap/error-truncated-proto "drip: error: $TMP/half.pb: corrupt profile at byte [0-9]*: " "$TMP/half.pb"
printf 'heap profile: garbage\n' >"$TMP/bad.txt"
expect_error heap/error-bad-legacy "drip: error: $TMP/bad.txt: line 1: malformed 'heap profile:' header" "$TMP/bad.txt"
: >"$TMP/empty"
expect_error heap/error-empty "drip: error: $TMP/empty: not a profile" "$TMP/empty"
expect_error heap/error-missing "drip: error: cannot open '$TMP/nope.pb.gz': No such file or directory" "$TMP/nope.pb.gz"
expect_error heap/error-sample-index "no sample type 'bogus'" --sample-index bogus "$P"
expect_error heap/error-base-kind "base profile has no sample type 'inuse_space'" --base "$TMP/new/goroutine.pb.gz" "$P"
# Byte flips all over the raw profile: an error or a result, never a crash.
crashed=0
for off in 1 7 50 333 1000 4000 9000 20000 40000; do
    [ "$off" -lt "$size" ] || continue
    cp "$TMP/raw.pb" "$TMP/flip.pb"
    printf '\377' | dd of="$TMP/flip.pb" bs=1 seek=$off conv=notrunc 2>/dev/null
    "$DRIP" heap "$TMP/flip.pb" >/dev/null 2>&1
    rc=$?
    [ "$rc" -ge 3 ] && crashed=$((crashed + 1))
done
[ "$crashed" = 0 ] && pass heap/byte-flips-no-crash || fail heap/byte-flips-no-crash "$crashed crashes"

# "-" reads the profile from stdin.
"$DRIP" heap --raw --no-hints --top 3 - <"$P" | tail -n +2 >"$TMP/stdin.txt"
"$DRIP" heap --raw --no-hints --top 3 "$P" | tail -n +2 >"$TMP/file.txt"
[ -s "$TMP/stdin.txt" ] && cmp -s "$TMP/stdin.txt" "$TMP/file.txt" && pass heap/stdin || fail heap/stdin "$(head -n 2 "$TMP/stdin.txt")"
expect_error heap/error-directory "drip: error: cannot open '$TMP': Is a directory" "$TMP"

# --format json: the same rows, as numbers.
if command -v python3 >/dev/null 2>&1; then
    "$DRIP" heap --format json --top 0 "$P" >"$TMP/h.json"
    "$DRIP" heap --raw --top 0 --no-hints "$P" | awk 'f { s += $1 } /^ *flat +flat%/ { f=1 } END { print s }' >"$TMP/sum.txt"
    python3 - "$TMP/h.json" "$(cat "$TMP/sum.txt")" >"$TMP/json.txt" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["sample_type"] == "inuse_space" and d["unit"] == "bytes" and d["base"] is None
assert sum(r["flat"] for r in d["rows"]) == int(sys.argv[2]) == d["total"], (d["total"], sys.argv[2])
top = d["rows"][0]
assert top["function"] == "main.retainSubstrings" and top["user"] and top["category"] == "subslice-retention", top
print("ok")
PY
    grep -q "^ok$" "$TMP/json.txt" && pass heap/format-json || fail heap/format-json "$(tail -n 3 "$TMP/json.txt")"
fi
expect_error heap/error-format "format 'xml' is not text or json" --format xml "$P"
