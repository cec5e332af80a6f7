# t_test_blame.sh - drip test on real Go packages with leaking tests
# (tests/leakpkgs), on Go 1.19 and 1.27: which test it blames, at which
# line, and what it leaves alone. Every package is copied to $TMP; each
# expected line below follows from the package's source (the LEAKSITE
# comment marks the line a leaked goroutine blocks on).
. "$(dirname "$0")/lib.sh"
P=$ROOT/tests/leakpkgs

# line_of FILE MARKER: the line number of the marker comment
line_of() { grep -n "$2" "$1" | head -n 1 | cut -d: -f1; }
leaks() { grep '^--- LEAK: ' "$1" | tr '\n' ';'; }

for v in 1.19 1.27; do
    if ! GO=$(go_of $v); then
        skip "test-blame/go$v" "no Go $v toolchain"
        continue
    fi
    W=$TMP/go$v
    mkdir -p "$W" && cp -r "$P"/. "$W"/
    before=$(cd "$W" && find . -type f | sort | xargs md5sum)
    # run DIR [FLAGS]: drip test in $W/DIR; $out, $err, $rc
    run() {
        d=$1; shift
        out=$TMP/$v.$(echo "$d" | tr / _).out
        err=$out.err
        (cd "$W/$d" && "$DRIP" test --go "$GO" -count=1 "$@" . >"$out" 2>"$err")
        rc=$?
    }
    t=test-blame/go$v

    run serial
    l=$(line_of "$W/serial/serial.go" LEAKSITE)
    [ $rc = 1 ] && [ "$(leaks "$out")" = "--- LEAK: TestLeak (1 goroutine);" ] &&
        grep -q "serial/serial.go:$l: chan receive" "$out" && grep -q "category: abandoned-channel" "$out" &&
        grep -q "^ok  	example.com/serial" "$out" &&
        pass "$t/serial" || fail "$t/serial" "rc $rc; $(leaks "$out") $(head -c 400 "$err")"
    if [ $v = 1.27 ]; then want="proved leaked (1 of 1)"; else want="not available in go1.19"; fi
    grep -q "Go's leak profile: $want" "$out" && pass "$t/serial/leak-profile" || fail "$t/serial/leak-profile" "want '$want'"
    # why, from the package's source (drip goroutines' explanation): the
    # worker's channel is the test's, whose only send is not followed by close
    ls=$(line_of "$W/serial/serial_test.go" "never told to stop")
    grep -q "why \[partner\]: .*serial_test.go:$ls" "$out" && pass "$t/serial/cause" ||
        fail "$t/serial/cause" "$(grep -A1 "why" "$out" | head -c 400)"
    # the same cause in --format json; --no-explain leaves it out
    run serial --format json
    grep -q '"cause":{"kind":"partner","text":"[^"]*serial_test.go:'"$ls" "$out" && pass "$t/serial/cause-json" ||
        fail "$t/serial/cause-json" "$(grep -o '"cause":[^}]*' "$out" | head -c 400)"
    run serial --no-explain
    [ $rc = 1 ] && ! grep -q "why \[" "$out" && grep -q "category: abandoned-channel" "$out" &&
        pass "$t/serial/no-explain" || fail "$t/serial/no-explain" "rc $rc; $(grep why "$out" | head -c 300)"

    run serial --ignore-created-by example.com/serial.StartWorker
    [ $rc = 0 ] && [ -z "$(leaks "$out")" ] && pass "$t/ignore-created-by" || fail "$t/ignore-created-by" "rc $rc $(leaks "$out")"
    run serial --ignore 'example.com/serial.StartWorker*'
    [ $rc = 0 ] && [ -z "$(leaks "$out")" ] && pass "$t/ignore" || fail "$t/ignore" "rc $rc $(leaks "$out")"

    # goleak issue 83: TestA leaks while TestB and TestC run in parallel
    run parallel83
    l=$(line_of "$W/parallel83/p83.go" LEAKSITE)
    [ $rc = 1 ] && [ "$(leaks "$out")" = "--- LEAK: TestA (1 goroutine);" ] && grep -q "p83.go:$l: chan receive" "$out" &&
        pass "$t/parallel-83" || fail "$t/parallel-83" "rc $rc; $(leaks "$out")"
    gl=/usr/share/gocode/src/go.uber.org/goleak
    if [ -d "$gl" ]; then
        mkdir -p "$TMP/gp$v/src" && cp -r "$W/goleak83" "$TMP/gp$v/src/"
        (cd "$TMP/gp$v/src/goleak83" && GO111MODULE=off GOFLAGS= GOPATH="$TMP/gp$v:/usr/share/gocode" \
            "$GO" test -count=1 . >"$TMP/goleak$v.out" 2>&1)
        gv=$(grep -o '^--- FAIL: Test[A-Z]' "$TMP/goleak$v.out" | sed 's/--- FAIL: //' | sort | tr '\n' ' ')
        echo "goleak #83 on go$v: drip blames: $(leaks "$out" | sed 's/--- LEAK: //g; s/ ([^)]*)//g') goleak blames: $gv"
        case " $gv" in
        *" TestB "* | *" TestC "*) pass "$t/goleak-blames-another" ;;
        *) fail "$t/goleak-blames-another" "goleak failed: '$gv': $(tail -n 3 "$TMP/goleak$v.out")" ;;
        esac
    else
        skip "$t/goleak-blames-another" "golang-uber-goleak-dev is not installed"
    fi

    run subtests
    [ $rc = 1 ] && [ "$(leaks "$out")" = "--- LEAK: TestLoop/func1 (1 goroutine);--- LEAK: TestNested/outer/inner (1 goroutine);--- LEAK: TestTable/slow_path (1 goroutine);" ] &&
        pass "$t/subtests" || fail "$t/subtests" "rc $rc; $(leaks "$out")"

    for d in testmain1 testmain2; do
        run $d
        [ $rc = 1 ] && [ "$(leaks "$out")" = "--- LEAK: TestLeak (1 goroutine);" ] &&
            grep -q "^package background (started before the tests ran; not blamed): 1 goroutine" "$out" &&
            pass "$t/$d" || fail "$t/$d" "rc $rc; $(leaks "$out") $(head -c 300 "$err")"
    done
    # teardown after m.Run still runs (go test shows a passing package's
    # output with -v only; the binary's stderr reaches go test's stdout)
    run testmain2 -v
    grep -q '^teardown$' "$out" && pass "$t/testmain2/teardown-runs" || fail "$t/testmain2/teardown-runs" "no teardown line"
    run testmain3
    [ $rc = 0 ] && grep -q "testmain3/main_test.go:8:1: TestMain does not call m.Run() itself" "$err" &&
        grep -q "^ok  	example.com/testmain3" "$out" && pass "$t/testmain-refused" ||
        fail "$t/testmain-refused" "rc $rc $(head -c 300 "$err")"

    run initbg
    [ $rc = 0 ] && grep -q "^drip test: example.com/initbg: no leak" "$out" &&
        grep -q "^package background (started before the tests ran; not blamed): 2 goroutines" "$out" &&
        pass "$t/init-background" || fail "$t/init-background" "rc $rc $(head -c 300 "$out")"

    run depbg/app
    [ $rc = 0 ] && grep -q "^drip test: example.com/app: no leak" "$out" && grep -q "example.com/dep.flushDaemon" "$out" &&
        pass "$t/dependency-background" || fail "$t/dependency-background" "rc $rc $(head -c 300 "$out") $(head -c 300 "$err")"

    run global
    lg=$(line_of "$W/global/global.go" LEAKSITE-GLOBAL)
    ll=$(line_of "$W/global/global.go" LEAKSITE-LOCAL)
    [ $rc = 1 ] && [ "$(leaks "$out")" = "--- LEAK: TestOrphan (1 goroutine);--- LEAK: TestSubscribe (1 goroutine);" ] &&
        grep -q "global.go:$lg: chan receive" "$out" && grep -q "global.go:$ll: chan receive" "$out" &&
        pass "$t/global" || fail "$t/global" "rc $rc; $(leaks "$out")"
    if [ $v = 1.27 ]; then
        # Go's profile proves the orphan (its channel is unreachable) but
        # not the subscriber, whose channel a package map keeps
        sub=$(sed -n '/^--- LEAK: TestSubscribe/,/^---/p' "$out")
        orph=$(sed -n '/^--- LEAK: TestOrphan/,/^---/p' "$out")
        echo "$orph" | grep -q "proved leaked (1 of 1)" && echo "$sub" | grep -q "Go's leak profile: not proved" &&
            pass "$t/global/leak-profile-misses-it" || fail "$t/global/leak-profile-misses-it" "$sub"
    fi

    run parclean
    [ $rc = 0 ] && [ -z "$(leaks "$out")" ] && grep -q "^drip test: example.com/parclean: no leak" "$out" &&
        grep -q "^ok  	example.com/parclean" "$out" && pass "$t/parallel-clean" || fail "$t/parallel-clean" "rc $rc $(leaks "$out")"

    run fails
    [ $rc = 1 ] && grep -q "^--- FAIL: TestFails" "$out" && grep -q "example.com/fails: no leak" "$out" &&
        pass "$t/go-test-status" || fail "$t/go-test-status" "rc $rc"

    after=$(cd "$W" && find . -type f | sort | xargs md5sum)
    [ "$before" = "$after" ] && pass "$t/no-file-changed" || fail "$t/no-file-changed" "files differ after drip test"
done
