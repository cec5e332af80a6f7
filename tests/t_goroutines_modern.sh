# t_goroutines_modern.sh - what Go 1.25-1.27 print, taken live from real
# programs: pprof labels in goroutine headers (1.27), a leaked iter.Pull
# ([coroutine]), goroutines started by sync.WaitGroup.Go, proto goroutine
# profiles, the goroutine leak profile at debug=0, 1 and 2 (GA in 1.27,
# GOEXPERIMENT=goroutineleakprofile in 1.26), the GOMAXPROCS updater and a
# failing testing/synctest bubble. Expected places are the "// want"
# markers of the programs; expected labels and leak verdicts come from the
# dumps Go wrote.
. "$(dirname "$0")/lib.sh"
G=$ROOT/tests/goroutines
SRC=$G/modern/main.go

report() { NO_COLOR=1 "$DRIP" goroutines "$@" 2>"$TMP/err"; }

# suspects of a text report as "file:line count" lines
sites() { awk '/^[^ ].*: [0-9]+ goroutines? blocked on / { s = $1; sub(/:$/, "", s); print s, $2 }' "$1"; }

# check_leak VERSION DIR: the goroutineleak forms of one run
check_leak() {
    v=$1 out=$2
    # debug=1: every record is proven; the total is Go's count of leaks
    total=$(sed -n 's/^goroutineleak profile: total \([0-9]*\)$/\1/p' "$out/leak1.txt")
    report "$out/leak1.txt" >"$TMP/l1.$v"
    rc=$?
    proven=$(grep -o '[0-9]* of them proven leaked' "$TMP/l1.$v" | awk '{ n += $1 } END { print n + 0 }')
    if [ -n "$total" ] && [ "$total" -gt 0 ] && [ $rc = 1 ] && [ "$proven" = "$total" ] &&
        grep -q "leak1.txt: $total goroutines in " "$TMP/l1.$v" && grep -q '^a goroutineleak profile' "$TMP/l1.$v"; then
        pass "goroutines-modern/$v/leak-debug1"
    else
        fail "goroutines-modern/$v/leak-debug1" "exit $rc, Go says $total leaked, drip $proven proven: $(head -c 300 "$TMP/err")"
    fi
    # every stack Go lists is a proven place of the report
    miss=$(grep -o 'main\.go:[0-9]*$' "$out/leak1.txt" | sort -u | while read -r at; do
        grep -q "$at: .*proven leaked" "$TMP/l1.$v" || echo "$at"; done)
    [ -z "$miss" ] && pass "goroutines-modern/$v/leak-debug1-places" || fail "goroutines-modern/$v/leak-debug1-places" "not proven: $miss"
    # debug=0: the same verdict from the proto form
    report "$out/leak0.pb.gz" >"$TMP/l0.$v"
    rc=$?
    proven0=$(grep -o '[0-9]* of them proven leaked' "$TMP/l0.$v" | awk '{ n += $1 } END { print n + 0 }')
    [ $rc = 1 ] && [ "$proven0" = "$total" ] && grep -q '^note: a proto profile has no wait reasons' "$TMP/l0.$v" &&
        pass "goroutines-modern/$v/leak-debug0" ||
        fail "goroutines-modern/$v/leak-debug0" "exit $rc, proven $proven0 of $total: $(head -c 300 "$TMP/err")"
    # debug=2 (all goroutines, the leaked ones marked): proven places first
    report "$out/leak2.txt" >"$TMP/l2.$v"
    marked=$(grep -c '^goroutine .*(leaked)' "$out/leak2.txt")
    order=$(grep 'blocked on' "$TMP/l2.$v" | awk '{ printf "%s", /proven leaked$/ ? "P" : "U" }')
    if [ "$marked" -gt 0 ] && echo "$order" | grep -qE '^P+U*$'; then
        pass "goroutines-modern/$v/leak-debug2-ranked"
    else
        fail "goroutines-modern/$v/leak-debug2-ranked" "$marked marked; order of places (P proven, U not): $order"
    fi
}

# Go 1.27: every form
if gobin=$(go_of 1.27); then
    bin=$TMP/modern
    if ! (cd "$G/modern" && "$gobin" build -o "$bin" .) >"$TMP/build" 2>&1; then
        fail goroutines-modern/1.27/build "$(tail -n 3 "$TMP/build")"
    elif ! sh "$G/take.sh" "$bin" "$TMP/m27" all; then
        fail goroutines-modern/1.27/dump "could not take the dumps"
    else
        D=$TMP/m27
        for form in sigquit.txt debug2.txt debug1.txt proto.pb.gz; do
            report "$D/$form" >"$TMP/r.$form"
            rc=$?
            if [ $rc = 1 ] && problems=$(sh "$G/expect.sh" "$SRC" "$TMP/r.$form"); then
                pass "goroutines-modern/1.27/$form"
            else
                fail "goroutines-modern/1.27/$form" "exit $rc; ${problems:-} $(head -c 200 "$TMP/err")"
            fi
            [ -s "$TMP/err" ] && fail "goroutines-modern/1.27/$form/stderr" "$(head -n 3 "$TMP/err")"
        done
        # labels: each set Go printed in a header is shown, in Go's form
        grep -o '] {.*}:$' "$D/debug2.txt" | sed 's/^] //; s/:$//' | sort -u >"$TMP/sets"
        if [ -s "$TMP/sets" ]; then
            miss=$(while IFS= read -r set; do grep -qF "$set (1)" "$TMP/r.debug2.txt" || echo "$set"; done <"$TMP/sets")
            [ -z "$miss" ] && pass goroutines-modern/1.27/labels-shown || fail goroutines-modern/1.27/labels-shown "missing: $miss"
        else
            fail goroutines-modern/1.27/labels-in-dump "Go 1.27 printed no labels in the headers"
        fi
        # --by-label request: one place per request, from every form
        want=$(grep -o 'request: "[^"]*"' "$TMP/sets" | sed 's/request: "//; s/"$//' | sort | tr '\n' ' ')
        for form in sigquit.txt debug1.txt proto.pb.gz; do
            report --by-label request "$D/$form" >"$TMP/b.$form"
            got=$(grep 'main\.go:27: 1 goroutine blocked on chan receive with request=' "$TMP/b.$form" |
                sed 's/.*with request=//; s/,.*//' | sort | tr '\n' ' ')
            [ -n "$want" ] && [ "$got" = "$want" ] && pass "goroutines-modern/1.27/by-label/$form" ||
                fail "goroutines-modern/1.27/by-label/$form" "got '$got', want '$want'"
        done
        "$DRIP" goroutines -f json "$D/proto.pb.gz" 2>/dev/null >"$TMP/p.json"
        grep -q '"format":"proto"' "$TMP/p.json" && grep -q '"label_set":{"handler":"/api","request":"r-42"}' "$TMP/p.json" &&
            grep -q '"lost":"wait reasons' "$TMP/p.json" && pass goroutines-modern/1.27/proto-json ||
            fail goroutines-modern/1.27/proto-json "$(head -c 300 "$TMP/p.json")"
        grep -q '^note: a proto profile has no wait reasons, wait times, goroutine ids and creation sites' "$TMP/r.proto.pb.gz" &&
            pass goroutines-modern/1.27/proto-says-lost || fail goroutines-modern/1.27/proto-says-lost "no note"
        # wg.Go: created where wg.Go is called, not in sync/waitgroup.go
        call=$(grep -n 'wg.Go(func' "$SRC" | cut -d: -f1)
        grep -q "created by main.fanOut.func1 via sync.(\*WaitGroup).Go at .*/main.go:$call\$" "$TMP/r.sigquit.txt" &&
            ! grep -q 'created by .*waitgroup.go' "$TMP/r.sigquit.txt" &&
            pass goroutines-modern/1.27/wg-go-creator ||
            fail goroutines-modern/1.27/wg-go-creator "$(grep 'created by.*fanOut\|waitgroup' "$TMP/r.sigquit.txt")"
        # Go 1.25+'s GOMAXPROCS updater is idle (SIGQUIT shows system goroutines)
        if grep -q 'GOMAXPROCS updater (idle)' "$D/sigquit.txt"; then
            awk '/^idle by design/,0' "$TMP/r.sigquit.txt" | grep -q 'runtime.updateMaxProcsGoroutine' &&
                pass goroutines-modern/1.27/gomaxprocs-idle || fail goroutines-modern/1.27/gomaxprocs-idle "not idle"
        else
            fail goroutines-modern/1.27/gomaxprocs-idle "no GOMAXPROCS updater in the SIGQUIT dump"
        fi
        if [ -s "$D/leak1.txt" ] && [ -s "$D/leak0.pb.gz" ] && [ -s "$D/leak2.txt" ]; then
            check_leak 1.27 "$D"
            # the SIGQUIT after the leak GC shows the marks: proven first
            head1=$(grep -m1 'blocked on' "$TMP/r.sigquit.txt")
            echo "$head1" | grep -q 'proven leaked$' && pass goroutines-modern/1.27/sigquit-proven-first ||
                fail goroutines-modern/1.27/sigquit-proven-first "$head1"
        else
            fail goroutines-modern/1.27/goroutineleak "Go 1.27 served no goroutineleak profile"
        fi
    fi

    # a failing synctest bubble: the test's receive is the suspect, the
    # harness goroutine is not
    (cd "$G/synctest" && timeout 120 "$gobin" test -count=1 . >"$TMP/st.txt" 2>&1)
    if grep -q 'deadlock: all goroutines in bubble are blocked' "$TMP/st.txt"; then
        report "$TMP/st.txt" >"$TMP/st.report"
        rc=$?
        if [ $rc = 1 ] && problems=$(sh "$G/expect.sh" "$G/synctest/st_test.go" "$TMP/st.report") &&
            [ "$(sites "$TMP/st.report" | wc -l)" = 1 ]; then
            pass goroutines-modern/1.27/synctest
        else
            fail goroutines-modern/1.27/synctest "exit $rc; ${problems:-} $(sites "$TMP/st.report" | tr '\n' ';')"
        fi
    else
        fail goroutines-modern/1.27/synctest "the bubble did not deadlock: $(tail -n 3 "$TMP/st.txt")"
    fi
else
    skip goroutines-modern/1.27 "no Go 1.27"
fi

# Go 1.26: the leak profile is an experiment (and labels are not printed)
if gobin=$(go_of 1.26); then
    mkdir -p "$TMP/m126src"
    cp "$SRC" "$TMP/m126src/"
    printf 'module example.com/modern\n\ngo 1.26\n' >"$TMP/m126src/go.mod"
    if ! (cd "$TMP/m126src" && GOEXPERIMENT=goroutineleakprofile "$gobin" build -o "$TMP/m126" .) >"$TMP/build" 2>&1; then
        fail goroutines-modern/1.26/build "$(tail -n 3 "$TMP/build")"
    elif ! sh "$G/take.sh" "$TMP/m126" "$TMP/m26" all; then
        fail goroutines-modern/1.26/dump "could not take the dumps"
    elif [ -s "$TMP/m26/leak1.txt" ]; then
        check_leak 1.26 "$TMP/m26"
        report "$TMP/m26/debug2.txt" >"$TMP/r26"
        problems=$(sh "$G/expect.sh" "$TMP/m126src/main.go" "$TMP/r26") && pass goroutines-modern/1.26/debug2 ||
            fail goroutines-modern/1.26/debug2 "$problems"
    else
        fail goroutines-modern/1.26/goroutineleak "GOEXPERIMENT=goroutineleakprofile served no goroutineleak profile"
    fi
else
    skip goroutines-modern/1.26 "no Go 1.26"
fi
