# t_test_from.sh - drip test's machine outputs and --from, on Go 1.19 and
# 1.27: -json keeps go test's stream valid JSON lines and adds "leak"
# events; --format json; --from on the output of a plain go test -v run
# that timed out (tests/leakpkgs/hang: TestHang is stuck in Wait and its
# Helper goroutine in a send); bad input.
. "$(dirname "$0")/lib.sh"
P=$ROOT/tests/leakpkgs
line_of() { grep -n "$2" "$1" | head -n 1 | cut -d: -f1; }

# json_lines FILE: every line parses as JSON
json_lines() {
    python3 -c '
import json, sys
for i, l in enumerate(open(sys.argv[1]), 1):
    try:
        json.loads(l)
    except Exception as e:
        sys.exit("line %d: %s: %s" % (i, e, l[:80]))
' "$1"
}

for v in 1.19 1.27; do
    if ! GO=$(go_of $v); then
        skip "test-from/go$v" "no Go $v toolchain"
        continue
    fi
    W=$TMP/go$v
    mkdir -p "$W" && cp -r "$P"/. "$W"/
    t=test-from/go$v
    l=$(line_of "$W/serial/serial.go" LEAKSITE)

    (cd "$W/serial" && "$DRIP" test --go "$GO" -count=1 -json . >"$TMP/j.out" 2>"$TMP/j.err")
    rc=$?
    if problems=$(json_lines "$TMP/j.out" 2>&1); then pass "$t/json-stream-valid"; else fail "$t/json-stream-valid" "$problems"; fi
    python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
leak = [e for e in ev if e.get("Action") == "leak"]
assert len(leak) == 1, leak
e = leak[0]
assert e["Test"] == "TestLeak" and e["Package"] == "example.com/serial", e
assert e["Leak"]["sites"][0]["site"]["line"] == int(sys.argv[2]), e
assert any(x.get("Action") == "pass" and x.get("Test") == "TestLeak" for x in ev), "go test events missing"
' "$TMP/j.out" "$l" 2>"$TMP/j.py" && [ $rc = 1 ] && grep -q "^--- LEAK: TestLeak" "$TMP/j.err" &&
        pass "$t/json-leak-event" || fail "$t/json-leak-event" "rc $rc $(tail -n 2 "$TMP/j.py")"

    (cd "$W/serial" && "$DRIP" test --go "$GO" -count=1 --format json -o "$TMP/r.json" . >"$TMP/r.out" 2>&1)
    rc=$?
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["leaked_tests"] == 1, d
p = d["packages"][0]
assert p["package"] == "example.com/serial" and p["checked"], p
assert [x["test"] for x in p["leaks"]] == ["TestLeak"], p["leaks"]
s = p["leaks"][0]["sites"][0]
assert s["site"]["line"] == int(sys.argv[2]) and s["state"] == "chan_receive" and s["rule"] == "abandoned-channel", s
' "$TMP/r.json" "$l" 2>"$TMP/r.py" && [ $rc = 1 ] && grep -q "^ok  	example.com/serial" "$TMP/r.out" &&
        pass "$t/format-json" || fail "$t/format-json" "rc $rc $(tail -n 2 "$TMP/r.py")"

    # a plain go test -v run that hangs: -timeout prints every goroutine
    (cd "$W/hang" && "$GO" test -count=1 -v -timeout 3s . >"$TMP/hang.out" 2>&1)
    NO_COLOR=1 "$DRIP" test --from "$TMP/hang.out" >"$TMP/from.out" 2>"$TMP/from.err"
    rc=$?
    hs=$(line_of "$W/hang/hang.go" HANGSITE)
    he=$(line_of "$W/hang/hang.go" HELPERSITE)
    # Go 1.21+ says which goroutine created each one, so the helper's
    # goroutine is traced to TestHang's; Go 1.19 does not, and drip says so
    if [ $v = 1.27 ]; then want="--- LEAK: TestHang (2 goroutines)"; else want="--- LEAK: TestHang (1 goroutine)"; fi
    [ $rc = 1 ] && [ "$(grep '^--- LEAK' "$TMP/from.out")" = "$want" ] && grep -q "hang.go:$hs: chan receive" "$TMP/from.out" &&
        grep -q "the test's own goroutine" "$TMP/from.out" && grep -q "hang.go:$he: chan send" "$TMP/from.out" &&
        ! grep -q "TestQuick" "$TMP/from.out" && pass "$t/from-timeout" ||
        fail "$t/from-timeout" "rc $rc $(grep '^---' "$TMP/from.out") $(head -c 300 "$TMP/from.err")"
    # the causes, from the package's source as drip goroutines gives them:
    # TestHang passes each of Helper and Wait a channel of its own
    # (hang_test.go:8 and 9), so neither has a partner; --no-explain
    # leaves them out
    grep -A4 "hang.go:$hs: chan receive" "$TMP/from.out" | grep -q "why \[no-partner\]: .*Wait.*hang_test.go:9" &&
        { [ $v = 1.19 ] || grep -A4 "hang.go:$he: chan send" "$TMP/from.out" | grep -q "why \[no-partner\]: .*Helper.*hang_test.go:8"; } &&
        pass "$t/from-cause" || fail "$t/from-cause" "$(grep "why" "$TMP/from.out" | head -c 400)"
    NO_COLOR=1 "$DRIP" test --no-explain --from "$TMP/hang.out" >"$TMP/from-ne.out" 2>&1
    [ $? = 1 ] && ! grep -q "why \[" "$TMP/from-ne.out" && grep -q "hang.go:$hs: chan receive" "$TMP/from-ne.out" &&
        pass "$t/from-no-explain" || fail "$t/from-no-explain" "$(grep why "$TMP/from-ne.out" | head -c 300)"
    if [ $v = 1.19 ]; then
        sed -n '/^not attributed/,$p' "$TMP/from.out" | grep -q "hang.go:$he" &&
            pass "$t/from-unattributed" || fail "$t/from-unattributed" "helper goroutine not listed as not attributed"
    fi
done

# bad input: clear errors, status 2, no crash
"$DRIP" test --from "$TMP/none.txt" >"$TMP/e1" 2>&1
[ $? = 2 ] && grep -q "cannot read '$TMP/none.txt'" "$TMP/e1" && pass test-from/missing-file || fail test-from/missing-file "$(cat "$TMP/e1")"
"$DRIP" test --wait forever . >"$TMP/e2" 2>&1
[ $? = 2 ] && grep -q "invalid --wait 'forever'" "$TMP/e2" && pass test-from/bad-wait || fail test-from/bad-wait "$(cat "$TMP/e2")"
"$DRIP" test --from x.txt ./... >"$TMP/e3" 2>&1
[ $? = 2 ] && grep -q "cannot go with it" "$TMP/e3" && pass test-from/from-with-packages || fail test-from/from-with-packages "$(cat "$TMP/e3")"
"$DRIP" test --go "$TMP/no-go" . >"$TMP/e4" 2>&1
[ $? = 2 ] && grep -q "cannot run '$TMP/no-go env GOVERSION'" "$TMP/e4" && pass test-from/no-go || fail test-from/no-go "$(cat "$TMP/e4")"
# a truncated dump reads as far as it goes
if [ -s "$TMP/hang.out" ]; then
    head -c 1500 "$TMP/hang.out" >"$TMP/cut.out"
    "$DRIP" test --from "$TMP/cut.out" >"$TMP/e5" 2>&1
    rc=$?
    [ $rc -le 1 ] && pass test-from/truncated || fail test-from/truncated "rc $rc $(tail -n 3 "$TMP/e5")"
fi
