# t_cli_formats.sh - every command's --help ends with an "Exit status"
# section, and the codes it lists are the ones the command gives (each
# usage error exits 2, as every section says); every command that
# reports takes -f/--format text and json (check --list, check, heap,
# goroutines, test, watch, report), prints parseable JSON with -f json and
# refuses an unknown format with status 2. The inputs are real: a Go
# package with a leaking test, its heap profile and a goroutine dump.
. "$(dirname "$0")/lib.sh"

cmds=$("$DRIP" help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$cmds" ] && pass cli-help/commands-listed || fail cli-help/commands-listed "drip help lists no commands"
for c in $cmds; do
    "$DRIP" $c --help >"$TMP/help-$c" 2>&1
    rc=$?
    # "Exit status:" then lines "  N  meaning", to the end
    if [ "$rc" = 0 ] && awk '/^Exit status:$/ { on = 1; next } on && !/^  ([0-9]|N)  [a-z]/ { bad = 1 } on { n++ } END { exit !(on && n >= 2 && !bad) }' "$TMP/help-$c"; then
        pass "cli-help/$c-exit-status-section"
    else
        fail "cli-help/$c-exit-status-section" "status $rc: $(tail -n 5 "$TMP/help-$c")"
    fi
    grep -q '^  2  usage error' "$TMP/help-$c" && pass "cli-help/$c-lists-usage-error" || fail "cli-help/$c-lists-usage-error" "$(tail -n 4 "$TMP/help-$c")"
    "$DRIP" $c --no-such-flag >/dev/null 2>&1
    rc=$?
    [ "$rc" = 2 ] && pass "cli-help/$c-usage-error-is-2" || fail "cli-help/$c-usage-error-is-2" "status $rc"
done

# A package with a leaking test; its heap profile; a goroutine dump.
P=$TMP/p
mkdir -p "$P"
printf 'module example.com/p\n\ngo 1.19\n' >"$P/go.mod"
cat >"$P/p.go" <<'GO'
package p

func Start() chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return nil
}
GO
cat >"$P/p_test.go" <<'GO'
package p

import "testing"

var keep [][]byte

func TestLeak(t *testing.T) {
	Start()
	for i := 0; i < 64; i++ {
		keep = append(keep, make([]byte, 1<<16))
	}
}
GO
(cd "$P" && go test -count=1 -memprofile "$TMP/heap.pb.gz" -memprofilerate 1 . >"$TMP/gotest.log" 2>&1) ||
    fail cli-formats/go-test "$(tail -n 3 "$TMP/gotest.log")"

json_ok() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }
# fmt_case NAME EXPECTED-STATUSES CMD...: -f json is JSON, -f text is not,
# -f bogus is status 2
fmt_case() {
    name=$1 want=$2
    shift 2
    "$@" -f json >"$TMP/$name.json" 2>"$TMP/$name.err"
    rc=$?
    if echo " $want " | grep -q " $rc " && json_ok "$TMP/$name.json"; then
        pass "cli-formats/$name-json"
    else
        fail "cli-formats/$name-json" "status $rc: $(head -c 200 "$TMP/$name.json") $(tail -n 2 "$TMP/$name.err")"
    fi
    "$@" --format text >"$TMP/$name.txt" 2>&1
    rc=$?
    if echo " $want " | grep -q " $rc " && [ -s "$TMP/$name.txt" ] && ! json_ok "$TMP/$name.txt"; then
        pass "cli-formats/$name-text"
    else
        fail "cli-formats/$name-text" "status $rc: $(head -c 200 "$TMP/$name.txt")"
    fi
    "$@" -f bogus >/dev/null 2>"$TMP/$name.bad"
    rc=$?
    [ "$rc" = 2 ] && grep -q "bogus" "$TMP/$name.bad" && pass "cli-formats/$name-unknown-format" ||
        fail "cli-formats/$name-unknown-format" "status $rc: $(cat "$TMP/$name.bad")"
}
fmt_case check-list 0 "$DRIP" check --list
fmt_case check 1 "$DRIP" check "$P"
fmt_case heap 0 "$DRIP" heap "$TMP/heap.pb.gz"
fmt_case goroutines 1 "$DRIP" goroutines "$ROOT/testdata/goroutines/go127_leak1.txt"
# drip test prints go test's output unchanged, so its report goes to -o
for f in json text; do
    # twice: the second would be go test's cached result, which checks nothing
    (cd "$P" && "$DRIP" test -f $f -o "$TMP/test.$f" .) >"$TMP/test-$f.out" 2>&1
    rc=$?
    isjson=text
    json_ok "$TMP/test.$f" && isjson=json
    if [ "$rc" = 1 ] && [ -s "$TMP/test.$f" ] && [ $isjson = $f ]; then
        pass cli-formats/test-$f
    else
        fail cli-formats/test-$f "status $rc: $(head -c 300 "$TMP/test.$f" 2>/dev/null) $(tail -n 3 "$TMP/test-$f.out")"
    fi
done
(cd "$P" && "$DRIP" test -f bogus .) >/dev/null 2>"$TMP/tb.err"
[ $? = 2 ] && grep -q bogus "$TMP/tb.err" && pass cli-formats/test-unknown-format || fail cli-formats/test-unknown-format "$(cat "$TMP/tb.err")"

# watch and report: a stored directory, and a watch of a port nobody
# serves (no snapshot: status 2 in every format, and -f is still checked)
D=$TMP/w
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1\n'
    for i in 1 2 3 4 5 6 7 8 9; do
        f=00000$i-heap.pb.gz
        printf 'heap profile: 1: 4096 [1: 4096] @ heap/1\n1: 4096 [1: 4096] @ 0x3\n#\t0x3\tmain.steady+0x1\t/app/steady.go:9\n' | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
    done
} >"$D/index.tsv"
fmt_case report 0 "$DRIP" report --no-files "$D"
"$DRIP" watch -f bogus http://127.0.0.1:1 >/dev/null 2>"$TMP/wb.err"
[ $? = 2 ] && grep -q "unknown format 'bogus'" "$TMP/wb.err" && pass cli-formats/watch-unknown-format ||
    fail cli-formats/watch-unknown-format "$(cat "$TMP/wb.err")"
