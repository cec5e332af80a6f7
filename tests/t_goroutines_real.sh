# t_goroutines_real.sh - the suite's real leaking programs on every Go
# toolchain the suite has (1.19, 1.22, 1.23, 1.24, 1.26, 1.27): one small
# program per goroutine leak of the seed and a leak-free control, each built
# once per toolchain, run, and dumped every way Go offers: SIGQUIT
# (GOTRACEBACK=all), /debug/pprof/goroutine?debug=2, ?debug=1 and ?debug=0
# (proto), and, from Go 1.26 on (1.26 with GOEXPERIMENT=goroutineleakprofile),
# /debug/pprof/goroutineleak?debug=2, ?debug=1 and ?debug=0. drip goroutines
# must name every leaking line (marked "// want CATEGORY COUNT" in the
# program) with its count and category, and nothing else, in every dump of
# every toolchain; the leak profiles at debug=1 and 0 hold only what Go's
# detector proved, so a marked line may be missing there (Go cannot prove a
# ticker's or a package-level channel's goroutine stuck). In the full text
# dumps (SIGQUIT, debug=2, the leak profile at debug=2) each marker's
# "cause:KIND@LINES" tail is checked too: why drip says the line is stuck,
# from the program's source. A format drip does
# Then, on each toolchain, the stacks of
# "fatal error: all goroutines are asleep", runtime.Stack of a program with
# six kinds of leaks, and the panic of go test -timeout.
. "$(dirname "$0")/lib.sh"
G=$ROOT/tests/goroutines
PROGS="mutex deadlock nilchan senders forselect ticker clean"
export NO_COLOR=1

# One module holding every program, so that one go build per toolchain
# builds them all.
mod=$TMP/mod
for p in $PROGS fatal; do mkdir -p "$mod/$p" && cp "$G/$p/main.go" "$mod/$p/"; done
mkdir -p "$mod/leaky" && cp "$ROOT/bench/goroutines/leaky.go" "$mod/leaky/"
printf 'module realleaks\n\ngo 1.19\n' >"$mod/go.mod"

# has_leak_profile VERSION: Go 1.26 and later serve /debug/pprof/goroutineleak
has_leak_profile() { [ "${1#1.}" -ge 26 ]; }

versions=
for v in $GO_VERSIONS; do
    if ! groot=$(goroot_of "$v"); then
        skip "goroutines-real/$v" "no Go $v"
        continue
    fi
    exp=
    [ "$v" = 1.26 ] && exp=goroutineleakprofile
    if (cd "$mod" && GOROOT=$groot GOEXPERIMENT=$exp "$groot/bin/go" build -o "$TMP/bin/$v/" ./...) >"$TMP/build-$v.log" 2>&1; then
        versions="$versions $v"
    else
        fail "goroutines-real/$v/build" "$(tail -n 3 "$TMP/build-$v.log")"
    fi
done

# Take the dumps, two programs at a time. The leak profiles come from a run
# of their own (take.sh leak): Go's detector marks goroutines for good.
for v in $versions; do
    for p in $PROGS; do
        echo "$TMP/bin/$v/$p $TMP/out/$v/$p plain"
        has_leak_profile "$v" && echo "$TMP/bin/$v/$p $TMP/out/$v/$p.leak leak"
    done
done >"$TMP/jobs"
xargs -P 2 -n 3 sh "$G/take.sh" <"$TMP/jobs" >"$TMP/take.log" 2>&1

newest=
leakv=
for v in $versions; do
    newest=$v
    has_leak_profile "$v" && leakv=$v
done
readable="sigquit debug2 debug1 proto"
[ -n "$leakv" ] && readable="$readable leak2 leak1 leak0"

# check_dump NAME DUMP SOURCE CLEAN [expect.sh modes]: drip's report on DUMP
# against the markers of SOURCE; CLEAN=1 wants no suspect at all.
check_dump() {
    name=$1 dump=$2 src=$3 clean=$4
    shift 4
    rep=$dump.report
    if [ ! -s "$dump" ]; then
        fail "$name" "no dump taken: $(tail -n 2 "$TMP/take.log")"
        return
    fi
    "$DRIP" goroutines "$dump" >"$rep" 2>"$rep.err"
    rc=$?
    if [ "$clean" = 1 ]; then
        if [ $rc = 0 ] && grep -q '^no leak suspects' "$rep"; then pass "$name"; else fail "$name" "exit $rc on a program without leaks: $(grep -E 'goroutines? blocked on' "$rep" | head -n 3) $(head -c 200 "$rep.err")"; fi
        return
    fi
    case " $* " in
    *" proven "*) [ $rc -le 1 ] || { fail "$name" "exit status $rc: $(head -c 300 "$rep.err")"; return; } ;;
    *) [ $rc = 1 ] || { fail "$name" "exit status $rc, want 1 (suspects found); $(head -c 300 "$rep.err")"; return; } ;;
    esac
    if problems=$(sh "$G/expect.sh" "$src" "$rep" "$@"); then pass "$name"; else fail "$name" "$problems"; fi
}

for v in $versions; do
    for p in $PROGS; do
        clean=0
        [ "$p" = clean ] && clean=1
        for form in $readable; do
            modes=
            case $form in
            sigquit) f=$p/sigquit.txt modes=cause ;;
            debug2) f=$p/debug2.txt modes=cause ;;
            debug1) f=$p/debug1.txt modes=noreason ;;
            proto) f=$p/proto.pb.gz modes=noreason ;;
            leak2) f=$p.leak/leak2.txt modes=cause ;;
            leak1) f=$p.leak/leak1.txt modes="noreason proven" ;;
            leak0) f=$p.leak/leak0.pb.gz modes="noreason proven" ;;
            esac
            case $form in leak*) has_leak_profile "$v" || continue ;; esac
            # without wait reasons a nil channel reads as a live one
            case "$modes $p" in *noreason*nilchan) modes="$modes nocategory" ;; esac
            # shellcheck disable=SC2086
            check_dump "goroutines-real/$v/$p/$form" "$TMP/out/$v/$f" "$G/$p/main.go" $clean $modes
            # text dumps: drip reads them without a complaint
            case $form in sigquit | debug2 | debug1 | leak2)
                if [ -s "$TMP/out/$v/$f.report.err" ]; then fail "goroutines-real/$v/$p/$form/stderr" "$(head -n 3 "$TMP/out/$v/$f.report.err")"; fi ;;
            esac
        done
    done
    has_leak_profile "$v" || skip "goroutines-real/$v/goroutineleak" "Go $v has no goroutine leak profile (1.26 and later)"
done

for v in $versions; do
    out=$TMP/out/$v
    mkdir -p "$out"
    # fatal error: all goroutines are asleep, with every stack (gzip too)
    GOTRACEBACK=all timeout 60 "$TMP/bin/$v/fatal" >"$out/fatal.txt" 2>&1
    gzip -c "$out/fatal.txt" >"$out/fatal.txt.gz"
    for f in fatal.txt fatal.txt.gz; do
        check_dump "goroutines-real/$v/fatal-error/$f" "$out/$f" "$G/fatal/main.go" 0
    done
    # runtime.Stack(buf, true) of the benchmark's program: six ways to
    # block, 100 goroutines each, at several depths
    timeout 60 "$TMP/bin/$v/leaky" 600 >"$out/stack.txt" 2>"$out/stack.err"
    check_dump "goroutines-real/$v/runtime-stack" "$out/stack.txt" "$ROOT/bench/goroutines/leaky.go" 0
done

# go test -timeout: the panic of a hanging test, with the test log around
# (oldest and newest toolchain: each go test builds the testing package).
tt=$G/testtimeout
for v in $(echo $versions | awk '{ print $1; if (NF > 1) print $NF }'); do
    groot=$(goroot_of "$v")
    out=$TMP/out/$v
    (cd "$tt" && GOROOT=$groot timeout 120 "$groot/bin/go" test -count=1 -timeout 2s -v . >"$out/tt.txt" 2>&1)
    if grep -q 'test timed out' "$out/tt.txt"; then
        check_dump "goroutines-real/$v/test-timeout" "$out/tt.txt" "$tt/leak_test.go" 0
        if [ -s "$out/tt.txt.report.err" ]; then fail "goroutines-real/$v/test-timeout-clean" "$(head -n 3 "$out/tt.txt.report.err")"; else pass "goroutines-real/$v/test-timeout-clean"; fi
    else
        fail "goroutines-real/$v/test-timeout" "go test did not time out: $(tail -n 3 "$out/tt.txt")"
    fi
done

# broken proto profiles: exit 2 with the file and the byte named; a heap
# profile is no goroutine profile
P=$TMP/out/$newest/mutex/proto.pb.gz
if [ -n "$newest" ] && [ -s "$P" ]; then
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
