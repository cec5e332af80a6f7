# t_goroutines_ids.sh - drip goroutines -f json carries every goroutine id
# of a group: a real Go program parks 150 goroutines on one line with 15
# others created in between (so the ids come in runs with gaps), records
# each goroutine's own id, and dumps itself (debug=2). The JSON's id_count
# and id_ranges must give exactly the 150 ids, and the 15 for the other
# line; "ids" stays the sample of the first five.
. "$(dirname "$0")/lib.sh"
src=$ROOT/tests/goroutines/ids
mkdir -p "$TMP/m" && cp "$src/main.go" "$TMP/m/" && printf 'module ids\n\ngo 1.19\n' >"$TMP/m/go.mod"
if ! (cd "$TMP/m" && go build -o "$TMP/ids" .) >"$TMP/build.log" 2>&1; then
    fail goroutines-ids/build "$(tail -n 3 "$TMP/build.log")"
    exit 0
fi
"$TMP/ids" "$TMP/ids.txt" "$TMP/dump.txt" || { fail goroutines-ids/run "the program failed"; exit 0; }
"$DRIP" goroutines -f json "$TMP/dump.txt" >"$TMP/out.json" 2>"$TMP/err.txt"
rc=$?
[ "$rc" = 1 ] && pass goroutines-ids/exit-1 || fail goroutines-ids/exit-1 "status $rc: $(cat "$TMP/err.txt")"
python3 - "$TMP/out.json" "$TMP/ids.txt" >"$TMP/py.txt" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want = {"send": set(), "recv": set()}
for line in open(sys.argv[2]):
    k, n = line.split()
    want[k].add(int(n))
assert len(want["send"]) == 150 and len(want["recv"]) == 15
stacks = [st for s in d["snapshots"][0]["suspects"] + d["snapshots"][0]["other"] for st in s["stacks"]]
def ids_of(st):
    got = set()
    for lo, hi in st["id_ranges"]:
        assert lo <= hi, (lo, hi)
        got |= set(range(lo, hi + 1))
    return got
found = {}
for st in stacks:
    got = ids_of(st)
    assert st["id_count"] == len(got) == st["count"], (st["id_count"], len(got), st["count"])
    r = st["id_ranges"]
    assert all(r[i][1] + 1 < r[i + 1][0] for i in range(len(r) - 1)), "ranges not sorted and merged"
    assert len(st["ids"]) == min(5, st["count"]) and set(st["ids"]) <= got
    for k, w in want.items():
        if got == w:
            found[k] = len(r)
assert set(found) == {"send", "recv"}, ("no stack with exactly the ids", {k: sorted(w)[:5] for k, w in want.items()})
assert found["send"] > 1, "the 150 ids should come in several runs"
print("ok", found["send"], "runs")
PY
grep -q '^ok' "$TMP/py.txt" && pass "goroutines-ids/all-150-ids ($(cut -d' ' -f2- "$TMP/py.txt"))" ||
    fail goroutines-ids/all-150-ids "$(tail -n 3 "$TMP/py.txt")"
