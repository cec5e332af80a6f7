# t_goroutines_real.sh - builds one small leaking Go program per goroutine
# leak of the seed, runs it, takes its goroutine dumps (SIGQUIT with
# GOTRACEBACK=all, /debug/pprof/goroutine?debug=2, ?debug=1 and the proto
# form ?debug=0 on 127.0.0.1) and checks that drip goroutines names every leaking line
# (marked "// want CATEGORY COUNT" in the program) with its count.
. "$(dirname "$0")/lib.sh"
G=$ROOT/tests/goroutines

for prog in mutex deadlock nilchan senders forselect ticker clean; do
    bin=$TMP/$prog
    if ! go build -o "$bin" "$G/$prog/main.go" >"$TMP/$prog.build" 2>&1; then
        fail "goroutines-real/$prog/build" "$(tail -n 3 "$TMP/$prog.build")"
        continue
    fi
    if ! TAKE_MORE=1 sh "$G/take.sh" "$bin" "$TMP/$prog.out"; then
        fail "goroutines-real/$prog/dump" "could not take the dumps"
        continue
    fi
    for form in sigquit debug2 debug1 proto; do
        dump=$TMP/$prog.out/$form.txt
        [ $form = proto ] && dump=$TMP/$prog.out/proto.pb.gz
        rep=$TMP/$prog.$form.report
        NO_COLOR=1 "$DRIP" goroutines "$dump" >"$rep" 2>"$rep.err"
        rc=$?
        name=goroutines-real/$prog/$form
        if [ $prog = clean ]; then
            if [ $rc = 0 ] && grep -q '^no leak suspects' "$rep"; then pass "$name"; else fail "$name" "exit $rc on a program without leaks: $(grep -E 'goroutines? blocked on' "$rep" | head -n 3)"; fi
            continue
        fi
        [ $rc = 1 ] || { fail "$name" "exit status $rc, want 1 (suspects found); $(head -c 300 "$rep.err")"; continue; }
        mode=
        # a debug=1 profile hides the runtime frames that tell a nil
        # channel from a live one
        [ $form = debug1 ] && [ $prog = nilchan ] && mode=nocategory
        # so does a proto profile, which has no wait reasons either
        [ $form = proto ] && [ $prog = nilchan ] && mode=nocategory
        if problems=$(sh "$G/expect.sh" "$G/$prog/main.go" "$rep" $mode); then
            pass "$name"
        else
            fail "$name" "$problems"
        fi
        [ -s "$rep.err" ] && fail "$name/stderr" "$(head -n 3 "$rep.err")"
    done
done

# broken proto profiles: exit 2 with the file and the byte named; a heap
# profile is no goroutine profile
P=$TMP/mutex.out/proto.pb.gz
if [ -s "$P" ]; then
    gunzip -c "$P" >"$TMP/p.pb"
    head -c $(($(wc -c <"$TMP/p.pb") / 2)) "$TMP/p.pb" >"$TMP/cut.pb"
    "$DRIP" goroutines "$TMP/cut.pb" >/dev/null 2>"$TMP/cut.err"
    rc=$?
    [ $rc = 2 ] && grep -q "cut.pb: not a goroutine profile: .* at byte [0-9]" "$TMP/cut.err" && [ "$(wc -l <"$TMP/cut.err")" = 1 ] &&
        pass goroutines-real/proto-truncated || fail goroutines-real/proto-truncated "exit $rc: $(head -c 300 "$TMP/cut.err")"
    head -c $(($(wc -c <"$P") / 2)) "$P" >"$TMP/cut.pb.gz"
    "$DRIP" goroutines "$TMP/cut.pb.gz" >/dev/null 2>"$TMP/cutgz.err"
    rc=$?
    [ $rc = 2 ] && grep -q "cut.pb.gz.*ends early" "$TMP/cutgz.err" && pass goroutines-real/proto-gzip-truncated ||
        fail goroutines-real/proto-gzip-truncated "exit $rc: $(head -c 300 "$TMP/cutgz.err")"
else
    fail goroutines-real/proto-truncated "no proto profile taken"
fi
if (cd "$ROOT/tests/pprof/heapgen" && go build -o "$TMP/heapgen" .) >"$TMP/hg.build" 2>&1 &&
    mkdir -p "$TMP/hg" && "$TMP/heapgen" -out "$TMP/hg" -stacks 5 -legacy=false >/dev/null 2>&1 && [ -s "$TMP/hg/heap.pb.gz" ]; then
    "$DRIP" goroutines "$TMP/hg/heap.pb.gz" >/dev/null 2>"$TMP/hg.err"
    rc=$?
    [ $rc = 2 ] && grep -q "heap.pb.gz: a profile of .*, not of goroutines" "$TMP/hg.err" &&
        pass goroutines-real/proto-heap-refused || fail goroutines-real/proto-heap-refused "exit $rc: $(head -c 300 "$TMP/hg.err")"
else
    fail goroutines-real/proto-heap-refused "heapgen: $(tail -n 3 "$TMP/hg.build") $(ls "$TMP/hg" 2>&1)"
fi

# fatal error: all goroutines are asleep, with every stack (gzip too)
if go build -o "$TMP/fatal" "$G/fatal/main.go" >"$TMP/fatal.build" 2>&1; then
    GOTRACEBACK=all timeout 60 "$TMP/fatal" >"$TMP/fatal.txt" 2>&1
    gzip -c "$TMP/fatal.txt" >"$TMP/fatal.txt.gz"
    for f in fatal.txt fatal.txt.gz; do
        NO_COLOR=1 "$DRIP" goroutines "$TMP/$f" >"$TMP/$f.report" 2>"$TMP/$f.err"
        rc=$?
        if [ $rc = 1 ] && problems=$(sh "$G/expect.sh" "$G/fatal/main.go" "$TMP/$f.report"); then
            pass "goroutines-real/fatal-error/$f"
        else
            fail "goroutines-real/fatal-error/$f" "exit $rc; ${problems:-} $(head -c 200 "$TMP/$f.err")"
        fi
    done
else
    fail goroutines-real/fatal-error "$(tail -n 3 "$TMP/fatal.build")"
fi

# runtime.Stack(buf, true) of the benchmark's program: six ways to block,
# 100 goroutines each, at several depths (several stacks per place)
if go build -o "$TMP/leaky" "$ROOT/bench/goroutines/leaky.go" >"$TMP/leaky.build" 2>&1 &&
    timeout 60 "$TMP/leaky" 600 >"$TMP/stack.txt" 2>"$TMP/stack.err"; then
    NO_COLOR=1 "$DRIP" goroutines "$TMP/stack.txt" >"$TMP/stack.report" 2>&1
    rc=$?
    if [ $rc = 1 ] && problems=$(sh "$G/expect.sh" "$ROOT/bench/goroutines/leaky.go" "$TMP/stack.report"); then
        pass goroutines-real/runtime-stack
    else
        fail goroutines-real/runtime-stack "exit $rc; ${problems:-}"
    fi
else
    fail goroutines-real/runtime-stack "$(tail -n 3 "$TMP/leaky.build" "$TMP/stack.err")"
fi

# go test -timeout: the panic of a hanging test, with the test log around.
tt=$G/testtimeout
(cd "$tt" && timeout 120 go test -count=1 -timeout 2s -v . >"$TMP/tt.txt" 2>&1)
if grep -q 'test timed out' "$TMP/tt.txt"; then
    NO_COLOR=1 "$DRIP" goroutines "$TMP/tt.txt" >"$TMP/tt.report" 2>"$TMP/tt.err"
    rc=$?
    if [ $rc = 1 ] && problems=$(sh "$G/expect.sh" "$tt/leak_test.go" "$TMP/tt.report"); then
        pass goroutines-real/test-timeout
    else
        fail goroutines-real/test-timeout "exit $rc; ${problems:-}"
    fi
    if [ -s "$TMP/tt.err" ]; then fail goroutines-real/test-timeout-clean "$(head -n 3 "$TMP/tt.err")"; else pass goroutines-real/test-timeout-clean; fi
else
    fail goroutines-real/test-timeout "go test did not time out: $(tail -n 3 "$TMP/tt.txt")"
fi
