# t_goroutines_formats.sh - drip goroutines on hand-made dumps of the
# formats of Go 1.17 to 1.27 (testdata/goroutines): header variants, created
# by with and without "in goroutine N", elided frames, stacks unavailable,
# ancestors, generics, debug=1 with labels, CRLF, gzip, stdin, broken
# lines, exit statuses and the JSON schema.
. "$(dirname "$0")/lib.sh"
D=$ROOT/testdata/goroutines
export NO_COLOR=1

# run NAME ARGS... : report in $TMP/NAME.out, stderr in .err, status in $rc
run() {
    n=$1; shift
    "$DRIP" goroutines --no-source "$@" >"$TMP/$n.out" 2>"$TMP/$n.err"
    rc=$?
}
# has NAME TEST PATTERN : PASS when the report of NAME matches PATTERN
has() {
    if grep -qE -- "$3" "$TMP/$1.out"; then pass "$2"; else fail "$2" "no '$3' in: $(head -c 400 "$TMP/$1.out")"; fi
}
hasnt() {
    if grep -qE -- "$3" "$TMP/$1.out"; then fail "$2" "unexpected '$3'"; else pass "$2"; fi
}
status() {
    if [ "$rc" = "$2" ]; then pass "$1"; else fail "$1" "exit status $rc, want $2: $(head -c 300 "$TMP/$n.err")"; fi
}

run g117 "$D/go117_sigquit.txt"
status goroutines-fmt/go117-status 1
has g117 goroutines-fmt/go117-grouped '^/srv/shop/internal/orders/notify.go:88: 3 goroutines blocked on chan send'
has g117 goroutines-fmt/go117-minutes 'waiting: 0-41 minutes'
has g117 goroutines-fmt/go117-created 'created by shop/internal/orders.\(\*Notifier\).Notify at /srv/shop/internal/orders/notify.go:71'
has g117 goroutines-fmt/go117-semacquire-mutex 'cache.go:40: 1 goroutine blocked on mutex'
has g117 goroutines-fmt/go117-signal-idle 'idle runtime +/usr/local/go/src/os/signal/signal_unix.go:24 os/signal.loop'
has g117 goroutines-fmt/go117-finalizer-idle 'idle runtime .*runtime.runfinq'
has g117 goroutines-fmt/go117-listener-idle 'IO wait +/srv/shop/cmd/shop/main.go:61'
has g117 goroutines-fmt/go117-total '^[^ ]*go117_sigquit.txt: 8 goroutines in 6 stacks$'

run g121 "$D/go121_stack.txt"
has g121 goroutines-fmt/go121-generics-in-goroutine 'stage.go:14: 2 goroutines blocked on chan receive'
has g121 goroutines-fmt/go121-generic-creator 'created by main.\(\*Pipeline\[\.\.\.\]\).Start at /home/dev/pipe/pipeline.go:40'
has g121 goroutines-fmt/go121-elided 'deep.go:9: 1 goroutine blocked on chan receive'
has g121 goroutines-fmt/go121-no-cases 'main.go:44: 1 goroutine blocked on select \(no cases\)'
has g121 goroutines-fmt/go121-internal-sync-mutex 'store.go:22: 1 goroutine blocked on mutex'
has g121 goroutines-fmt/go121-waitgroup-reason 'collect.go:17: 1 goroutine blocked on waitgroup'
has g121 goroutines-fmt/go121-gc-idle 'idle runtime .*runtime.gcBgMarkWorker'
if [ -s "$TMP/g121.err" ]; then fail goroutines-fmt/go121-no-errors "$(head -n 2 "$TMP/g121.err")"; else pass goroutines-fmt/go121-no-errors; fi

run g123 "$D/go123_gp.txt"
has g123 goroutines-fmt/go123-gp-header 'main.go:22: 2 goroutines blocked on chan receive'
has g123 goroutines-fmt/go123-scan-mark 'goroutine ids 6 7'
has g123 goroutines-fmt/go123-stack-unavailable 'running +\(no frames\)'
has g123 goroutines-fmt/go123-total 'go123_gp.txt: 5 goroutines in 4 stacks$'
if [ -s "$TMP/g123.err" ]; then fail goroutines-fmt/go123-trailer-quiet "$(head -n 2 "$TMP/g123.err")"; else pass goroutines-fmt/go123-trailer-quiet; fi

run g125 "$D/go125_synctest.txt"
has g125 goroutines-fmt/go125-durable-bubble 'cache.go:57: 1 goroutine blocked on chan receive'
has g125 goroutines-fmt/go125-cond 'cache.go:80: 1 goroutine blocked on cond wait'
hasnt g125 goroutines-fmt/go125-panic-not-user '^[^ ]*panic.go:[0-9]+: '

run g126 "$D/go126_leaked.txt"
has g126 goroutines-fmt/go126-leaked '2 of them proven leaked by Go'
grep -m1 'goroutines* blocked on' "$TMP/g126.out" | grep -q '^/src/app/server.go:37: 2 goroutines' &&
    pass goroutines-fmt/go126-leaked-ranked-first || fail goroutines-fmt/go126-leaked-ranked-first "$(grep -m1 'blocked on' "$TMP/g126.out")"
has g126 goroutines-fmt/go126-sleep-not-blamed 'sleep +/src/app/beat.go:9'

# Go 1.27 (real: goroutineleak?debug=2 of tests/goroutines/modern, paths
# shortened): labels after the brackets, (leaked) marks, a coroutine, wg.Go
run g127 "$D/go127_leak2.txt"
status goroutines-fmt/go127-status 1
has g127 goroutines-fmt/go127-all-read 'go127_leak2.txt: 11 goroutines in'
has g127 goroutines-fmt/go127-labels 'labels: \{handler: /api, request: "r-1"\} \(1\), \{handler: /api, request: "r-2"\} \(1\), \{handler: /api, request: "r-42"\} \(1\)$'
grep -m1 'blocked on' "$TMP/g127.out" | grep -q '^/src/modern/main.go:27: 3 goroutines blocked on chan receive, proven leaked$' &&
    pass goroutines-fmt/go127-proven-first || fail goroutines-fmt/go127-proven-first "$(grep -m1 'blocked on' "$TMP/g127.out")"
has g127 goroutines-fmt/go127-coroutine '^/src/modern/main.go:35: 1 goroutine blocked on coroutine$'
has g127 goroutines-fmt/go127-pull-leak 'iter-pull-not-stopped'
has g127 goroutines-fmt/go127-wg-go 'created by main.fanOut.func1 via sync.\(\*WaitGroup\).Go at /src/modern/main.go:51$'
hasnt g127 goroutines-fmt/go127-no-waitgroup-go-creator 'created by .*waitgroup.go'
run g127b --by-label request "$D/go127_leak2.txt"
has g127b goroutines-fmt/go127-by-label 'main.go:27: 1 goroutine blocked on chan receive with request=r-42, proven leaked$'
has g127b goroutines-fmt/go127-by-label-unset 'main.go:51: 4 goroutines blocked on chan send with request=\(unset\)$'
run g127l "$D/go127_leak1.txt"
status goroutines-fmt/go127-leak1-status 1
has g127l goroutines-fmt/go127-leak1-verdict '^a goroutineleak profile: '
# debug=1 hides the runtime frames and --no-source the line: on what is
# unknown, but Go's proof makes it a suspect
has g127l goroutines-fmt/go127-leak1-proven 'main.go:27: 3 goroutines blocked on unknown, proven leaked$'
"$DRIP" goroutines -f json --no-source "$D/go127_leak1.txt" 2>/dev/null | grep -q '"leak_profile":true,"lost":"wait reasons, wait times, goroutine ids, creation sites and runtime frames"' &&
    pass goroutines-fmt/go127-leak1-json || fail goroutines-fmt/go127-leak1-json "no leak_profile/lost in the JSON"

# Go 1.27's debug=1 leak profile of a program whose main goroutine sits in
# select {} (real, path shortened): that goroutine comes as an empty stack
# ("1 @" and "#\t0x0"), read without a complaint and blamed on nothing
run g127m "$D/go127_leak1_selectmain.txt"
status goroutines-fmt/go127-selectmain-status 1
has g127m goroutines-fmt/go127-selectmain-read 'go127_leak1_selectmain.txt: 2 goroutines in 2 stacks$'
has g127m goroutines-fmt/go127-selectmain-one-suspect '^leak suspects \(1 place, 1 goroutine\)'
hasnt g127m goroutines-fmt/go127-selectmain-no-empty-suspect '^\?: '
"$DRIP" goroutines "$D/go127_leak1_selectmain.txt" 2>&1 >/dev/null | grep -q . &&
    fail goroutines-fmt/go127-selectmain-quiet "$("$DRIP" goroutines "$D/go127_leak1_selectmain.txt" 2>&1 >/dev/null)" ||
    pass goroutines-fmt/go127-selectmain-quiet

run anc "$D/ancestors.txt"
has anc goroutines-fmt/ancestors-skipped '^/work/anc/main.go:12: 2 goroutines blocked on chan send'
has anc goroutines-fmt/ancestors-one-stack 'ancestors.txt: 2 goroutines in 1 stack$'

run d1 "$D/debug1_labels.txt"
status goroutines-fmt/debug1-status 1
has d1 goroutines-fmt/debug1-mutex '/srv/shop/db/pool.go:77: 5 goroutines blocked on mutex'
has d1 goroutines-fmt/debug1-counts 'debug1_labels.txt: 1007 goroutines in 4 stacks'
has d1 goroutines-fmt/debug1-wait-unknown 'waiting: unknown'
has d1 goroutines-fmt/debug1-note 'debug=1 profile hides'
"$DRIP" goroutines -f json --no-source "$D/debug1_labels.txt" 2>/dev/null | grep -q '"label_set":{"handler":"/checkout","tenant":"acme"}' &&
    pass goroutines-fmt/debug1-labels-json || fail goroutines-fmt/debug1-labels-json "labels not in the JSON report"

# CRLF line endings read the same
sed 's/$/\r/' "$D/go117_sigquit.txt" >"$TMP/crlf.txt"
run crlf "$TMP/crlf.txt"
if sed 's/crlf.txt/go117_sigquit.txt/; s|'"$TMP"'|'"$D"'|' "$TMP/crlf.out" | cmp -s - "$TMP/g117.out"; then pass goroutines-fmt/crlf; else fail goroutines-fmt/crlf "$(diff "$TMP/crlf.out" "$TMP/g117.out" | head -n 5)"; fi

# gzip, and stdin ("-"), plain and gzip
gzip -c "$D/go121_stack.txt" >"$TMP/g.txt.gz"
run gz "$TMP/g.txt.gz"
has gz goroutines-fmt/gzip 'stage.go:14: 2 goroutines blocked on chan receive'
"$DRIP" goroutines --no-source - <"$TMP/g.txt.gz" >"$TMP/stdin.out" 2>&1
has stdin goroutines-fmt/stdin-gzip 'stage.go:14: 2 goroutines blocked on chan receive'
"$DRIP" goroutines --no-source - <"$D/go121_stack.txt" >"$TMP/stdin2.out" 2>&1
has stdin2 goroutines-fmt/stdin-plain '^-: 8 goroutines in 7 stacks'
"$DRIP" goroutines --no-source <"$TMP/g.txt.gz" >"$TMP/stdin3.out" 2>&1
has stdin3 goroutines-fmt/stdin-implicit '^-: 8 goroutines in 7 stacks'
# a truncated gzip stream: an error, and what was read is still reported
head -c 400 "$TMP/g.txt.gz" >"$TMP/trunc.gz"
run trunc "$TMP/trunc.gz"
status goroutines-fmt/gzip-truncated-status 2
if grep -q "cannot read '.*trunc.gz'" "$TMP/trunc.err"; then pass goroutines-fmt/gzip-truncated-error; else fail goroutines-fmt/gzip-truncated-error "$(cat "$TMP/trunc.err")"; fi
has trunc goroutines-fmt/gzip-truncated-partial 'trunc.gz: [1-9][0-9]* goroutine'

# broken lines: named by line, the rest still read
run bad "$D/malformed.txt"
if grep -q "malformed.txt:9: missing file:line after function 'main.producer'" "$TMP/bad.err"; then pass goroutines-fmt/error-line-9; else fail goroutines-fmt/error-line-9 "$(cat "$TMP/bad.err")"; fi
if grep -q "malformed.txt:19: malformed frame 'main.loop('" "$TMP/bad.err"; then pass goroutines-fmt/error-line-19; else fail goroutines-fmt/error-line-19 "$(cat "$TMP/bad.err")"; fi
has bad goroutines-fmt/error-keeps-going '/app/main.go:20: 2 goroutines blocked on chan send'
has bad goroutines-fmt/error-counted '4 goroutines in 3 stacks, 2 unreadable lines'
"$DRIP" goroutines --no-source --max-errors 1 "$D/malformed.txt" >/dev/null 2>"$TMP/max.err"
if [ "$(grep -c 'malformed.txt:[0-9]*:' "$TMP/max.err")" = 1 ] && grep -q '1 more errors not shown' "$TMP/max.err"; then pass goroutines-fmt/max-errors; else fail goroutines-fmt/max-errors "$(cat "$TMP/max.err")"; fi

# exit statuses: 0 without suspects, 2 on usage and input errors
printf 'goroutine 1 [running]:\nmain.main()\n\t/x/main.go:3 +0x1d\n' >"$TMP/clean.txt"
run clean "$TMP/clean.txt"
status goroutines-fmt/status-clean 0
has clean goroutines-fmt/clean-message '^no leak suspects'
run missing "$TMP/nope.txt"
status goroutines-fmt/status-missing 2
if grep -q "drip: error: cannot open '$TMP/nope.txt': No such file or directory" "$TMP/missing.err"; then pass goroutines-fmt/missing-message; else fail goroutines-fmt/missing-message "$(cat "$TMP/missing.err")"; fi
echo 'hello, not a dump' >"$TMP/text.txt"
run notdump "$TMP/text.txt"
status goroutines-fmt/status-not-a-dump 2
[ ! -s "$TMP/notdump.out" ] && grep -q "holds no goroutine stacks" "$TMP/notdump.err" && pass goroutines-fmt/not-a-dump-no-report ||
    fail goroutines-fmt/not-a-dump-no-report "$(head -c 200 "$TMP/notdump.out")"
run noargs </dev/null
status goroutines-fmt/status-no-args 2
run badfmt -f xml "$D/go121_stack.txt"
status goroutines-fmt/status-bad-format 2
run badbase --base "$D/go121_stack.txt" "$D/go121_stack.txt" "$D/go117_sigquit.txt"
status goroutines-fmt/status-base-two 2
run help --help
status goroutines-fmt/help 0
has help goroutines-fmt/help-text '1  leak suspects found'

# --args keeps argument values apart
run args --args "$D/go121_stack.txt"
has args goroutines-fmt/args-split 'stage.go:14: 2 goroutines blocked on chan receive'
has args goroutines-fmt/args-two-stacks '2 stacks, goroutine ids 21'

# JSON: the documented schema, checked by a Go program
if go build -o "$TMP/jsoncheck" "$ROOT/tests/goroutines/jsoncheck/main.go" >"$TMP/jc.log" 2>&1; then
    for f in go117_sigquit go121_stack debug1_labels go126_leaked malformed; do
        if out=$("$DRIP" goroutines -f json --no-source "$D/$f.txt" 2>/dev/null | "$TMP/jsoncheck" 2>&1); then
            pass "goroutines-fmt/json-schema-$f"
        else
            fail "goroutines-fmt/json-schema-$f" "$out"
        fi
    done
    got=$("$DRIP" goroutines -f json --no-source "$D/go117_sigquit.txt" 2>/dev/null | "$TMP/jsoncheck" | head -n 1)
    [ "$got" = "suspect /srv/shop/internal/orders/notify.go:88 3 abandoned-channel" ] &&
        pass goroutines-fmt/json-suspect || fail goroutines-fmt/json-suspect "$got"
else
    fail goroutines-fmt/json-schema "$(tail -n 3 "$TMP/jc.log")"
fi

# a line too long to keep (over 64 MiB) is reported by number and skipped
{ printf 'goroutine 1 [chan send]:\nmain.f(0x1)\n\t/a.go:3 +0x1\n\n'; head -c 70000000 /dev/zero | tr '\0' 'x'
  printf '\ngoroutine 2 [chan send]:\nmain.f(0x1)\n\t/a.go:3 +0x1\n\n'; } >"$TMP/long.txt"
run long "$TMP/long.txt"
grep -q 'long.txt:5: line longer than 64 MiB: skipped' "$TMP/long.err" && pass goroutines-fmt/long-line-error ||
    fail goroutines-fmt/long-line-error "$(cat "$TMP/long.err")"
has long goroutines-fmt/long-line-rest '/a.go:3: 2 goroutines blocked on chan send'
rm -f "$TMP/long.txt"

# many distinct stacks: memory follows them (about a kilobyte each), the
# text report shows the top places and says how many more there are
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "goroutine %d [chan send, %d minutes]:\nmain.f%d(0x1)\n\t/nonexistent/a.go:%d +0x1\ncreated by main.main\n\t/nonexistent/m.go:3 +0x1\n\n", i + 1, i % 90, i % 7, i + 1 }' >"$TMP/distinct.txt"
/usr/bin/time -f '%M' -o "$TMP/distinct.rss" "$DRIP" goroutines --top 5 "$TMP/distinct.txt" >"$TMP/distinct.out" 2>/dev/null
rss=$(tail -n 1 "$TMP/distinct.rss")
# (AddressSanitizer's redzones and quarantine add about half again)
limit=200000
[ -n "${DRIP_SANITIZE:-}" ] && [ "$DRIP_SANITIZE" != 0 ] && limit=300000
[ "$rss" -lt "$limit" ] && pass goroutines-fmt/distinct-memory || fail goroutines-fmt/distinct-memory "peak RSS ${rss} KB for 100000 stacks"
has distinct goroutines-fmt/distinct-top '^\.\.\. 99995 more places \(99995 goroutines\) not shown'
[ "$(grep -c '^/nonexistent/a.go:[0-9]*: 1 goroutine blocked' "$TMP/distinct.out")" = 5 ] && pass goroutines-fmt/distinct-top-5 ||
    fail goroutines-fmt/distinct-top-5 "$(grep -c ': 1 goroutine blocked' "$TMP/distinct.out") suspects printed"
rm -f "$TMP/distinct.txt"

# lock order from the source: ab and ba hold one lock and wait for the
# other (AB-BA); onlyA and onlyB wait for the same locks without holding
# any, but are blocked by the deadlock too; the first two goroutines alone
# (no nested locking anywhere) are two mutexes never unlocked
sed "s|@SRC@|$D/src|" "$D/locks.txt.in" >"$TMP/locks.txt"
"$DRIP" goroutines "$TMP/locks.txt" >"$TMP/locks.out" 2>&1
for l in 9 13 20 27; do
    grep -A4 "locks.go:$l: 1 goroutine blocked on mutex" "$TMP/locks.out" | grep -q '\[lock-order\]' &&
        pass "goroutines-fmt/lock-order-$l" || fail "goroutines-fmt/lock-order-$l" "$(grep -A4 "locks.go:$l:" "$TMP/locks.out")"
done
awk '/^goroutine 12 /{exit} {print}' "$TMP/locks.txt" >"$TMP/nolocks.txt"
"$DRIP" goroutines "$TMP/nolocks.txt" >"$TMP/nolocks.out" 2>&1
[ "$(grep -c '\[mutex-not-unlocked\]' "$TMP/nolocks.out")" = 2 ] && ! grep -q 'lock-order' "$TMP/nolocks.out" &&
    pass goroutines-fmt/lock-order-silent || fail goroutines-fmt/lock-order-silent "$(grep 'leak:' "$TMP/nolocks.out")"
"$DRIP" goroutines --no-source "$TMP/locks.txt" >"$TMP/locks-ns.out" 2>&1
if grep -q 'lock-order' "$TMP/locks-ns.out"; then fail goroutines-fmt/lock-order-needs-source "lock order claimed without source"; else pass goroutines-fmt/lock-order-needs-source; fi

# dumps cut short: a debug=1 profile holding fewer goroutines than its
# total, and a debug=2 dump of exactly 64 MiB (where the endpoint stops)
head -n 5 "$D/debug1_labels.txt" >"$TMP/cut1.txt"
run cut1 "$TMP/cut1.txt"
grep -q "cut1.txt: the profile says 1007 goroutines but holds 1000: it is cut short" "$TMP/cut1.err" &&
    pass goroutines-fmt/debug1-cut-short || fail goroutines-fmt/debug1-cut-short "$(cat "$TMP/cut1.err")"
awk 'BEGIN { for (i = 0; i < 800000; i++) printf "goroutine %d [chan send]:\nmain.f(0x1)\n\t/a/b.go:3 +0x1\ncreated by main.main\n\t/a/m.go:2 +0x1\n\n", i + 1 }' |
    head -c 67108864 >"$TMP/cut64.txt"
run cut64 "$TMP/cut64.txt"
grep -q "cut64.txt: the dump is exactly 64 MiB" "$TMP/cut64.err" && pass goroutines-fmt/debug2-64mib ||
    fail goroutines-fmt/debug2-64mib "$(head -c 300 "$TMP/cut64.err")"
if grep -q 'warning' "$TMP/g117.err"; then fail goroutines-fmt/no-false-warning "$(cat "$TMP/g117.err")"; else pass goroutines-fmt/no-false-warning; fi
rm -f "$TMP/cut64.txt"
