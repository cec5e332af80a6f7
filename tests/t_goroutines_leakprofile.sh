# t_goroutines_leakprofile.sh - Go's own goroutine leak profile tests
# (src/runtime/testdata/testgoroutineleakprofile of Go 1.27, or 1.26 with
# GOEXPERIMENT=goroutineleakprofile): the micro, stress and pattern tests
# and the GoKer kernels, built once as Go's goroutineleakprofile_test.go
# builds them and run the way it runs them. Each run leaves the goroutine
# leak profile Go's test reads (debug=2 on stdout) and, taken right after
# it, a full dump of every goroutine (runtime.Stack, what SIGQUIT and
# goroutine?debug=2 print) that drip reads with Go's "(leaked)" marks taken
# out, so it judges alone. drip goroutines reads each; every leak Go
# expects and reports (the regexps of the test
# file) must be among drip's top suspects, and drip must blame nothing
# else in the tests written to leak exactly those goroutines. Prints
# "leak-profile suite: expected leaks found N of M; false suspects in
# leak-free tests: K".
. "$(dirname "$0")/lib.sh"
NAME=goroutines-leakprofile

# Go 1.27 has the profile; 1.26 has it as an experiment.
goroot=$(goroot_of 1.27) && experiment= ||
    { goroot=$(goroot_of 1.26) && experiment=goroutineleakprofile; } ||
    { skip $NAME "no Go 1.27 (nor 1.26 with GOEXPERIMENT=goroutineleakprofile)"; exit 0; }
testdir=$goroot/src/runtime/testdata/testgoroutineleakprofile
testfile=$goroot/src/runtime/goroutineleakprofile_test.go
if [ ! -f "$testfile" ] || [ ! -d "$testdir/goker" ]; then
    skip $NAME "$goroot has no goroutine leak profile tests"
    exit 0
fi
export GOROOT=$goroot GOEXPERIMENT=$experiment
GO=$goroot/bin/go

# The programs, copied out of GOROOT as one module. Every
# prof.WriteTo(w, 2) of theirs goes through dripWriteTo, which after Go's
# own debug=2 profile saves the full dump and the leak profile in the
# extra formats asked for in DRIP_LEAKPROF_DEBUG.
src=$TMP/testgoroutineleakprofile
cp -R "$testdir" "$src" && chmod -R u+w "$src"
printf 'module testgoroutineleakprofile\n\ngo %s\n' "$("$GO" env GOVERSION | sed 's/^go\([0-9]*\.[0-9]*\).*/\1/')" >"$src/go.mod"
for d in "$src" "$src/goker"; do
    for f in "$d"/*.go; do
        sed 's/\bprof\.WriteTo(/dripWriteTo(prof, /' "$f" >"$f.new" && mv "$f.new" "$f"
    done
    cp "$ROOT/tests/goroutines/leakprof/dripwriteto.go.in" "$d/zz_dripwriteto.go"
done
if ! grep -q 'dripWriteTo(prof, os.Stdout, 2)' "$src/simple.go"; then
    fail $NAME/rewrite "no prof.WriteTo(os.Stdout, 2) in $testdir/simple.go: the test programs changed"
    exit 0
fi
# built once each, as buildTestProg does (go build in the program's folder)
(cd "$src" && "$GO" build -o "$TMP/main.exe" . && cd goker && "$GO" build -o "$TMP/goker.exe" .) >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build "$(tail -n 5 "$TMP/build.log")"; exit 0; }
"$GO" build -o "$TMP/leakprof" "$ROOT/tests/goroutines/leakprof/main.go" "$ROOT/tests/goroutines/leakprof/causes.go" "$ROOT/tests/goroutines/leakprof/expect.go" >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build-driver "$(tail -n 5 "$TMP/build.log")"; exit 0; }
pass $NAME/build

# The inputs drip is checked on, one word each: "debug2" is Go's leak
# profile as its test reads it, "full" the dump taken right after; add
# "debug1" and "proto" (debug=0) here to check those formats too (a format
# drip does not read yet is reported as skipped).
forms="debug2 full debug1 proto"
"$TMP/leakprof" -drip "$DRIP" -test "$testfile" -main "$TMP/main.exe" -goker "$TMP/goker.exe" \
    -out "$TMP/runs" -forms "$forms" -experiment "$experiment" -j 2
