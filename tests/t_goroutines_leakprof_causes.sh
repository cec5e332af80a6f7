# t_goroutines_leakprof_causes.sh - the cause drip goroutines gives for each
# leak of Go 1.27's leak-profile test programs besides the GoKer kernels
# (src/runtime/testdata/testgoroutineleakprofile/*.go: the micro, stress
# and pattern tests), asserted per leak against
# tests/goroutines/leakprof/causes-programs.tsv: the cause kind, the
# partner, holder or give-up sites it names and words of its text. The
# programs are built and run as t_goroutines_leakprofile.sh does (three
# runs each); drip reads the full dump taken right after Go's leak
# detector ran, without Go's marks, with the programs' sources on disk.
# Prints "leak-profile programs: N of M leaks with the right cause".
. "$(dirname "$0")/lib.sh"
NAME=goroutines-leakprof-causes

goroot=$(goroot_of 1.27) && experiment= ||
    { goroot=$(goroot_of 1.26) && experiment=goroutineleakprofile; } ||
    { skip $NAME "no Go 1.27 (nor 1.26 with GOEXPERIMENT=goroutineleakprofile)"; exit 0; }
testdir=$goroot/src/runtime/testdata/testgoroutineleakprofile
testfile=$goroot/src/runtime/goroutineleakprofile_test.go
if [ ! -f "$testfile" ] || [ ! -f "$testdir/simple.go" ]; then
    skip $NAME "$goroot has no goroutine leak profile tests"
    exit 0
fi
export GOROOT=$goroot GOEXPERIMENT=$experiment
GO=$goroot/bin/go

src=$TMP/testgoroutineleakprofile
mkdir -p "$src" && cp "$testdir"/*.go "$src" && chmod -R u+w "$src"
printf 'module testgoroutineleakprofile\n\ngo %s\n' "$("$GO" env GOVERSION | sed 's/^go\([0-9]*\.[0-9]*\).*/\1/')" >"$src/go.mod"
for f in "$src"/*.go; do
    sed 's/\bprof\.WriteTo(/dripWriteTo(prof, /' "$f" >"$f.new" && mv "$f.new" "$f"
done
cp "$ROOT/tests/goroutines/leakprof/dripwriteto.go.in" "$src/zz_dripwriteto.go"
(cd "$src" && "$GO" build -o "$TMP/main.exe" .) >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build "$(tail -n 5 "$TMP/build.log")"; exit 0; }
lp=$ROOT/tests/goroutines/leakprof
"$GO" build -o "$TMP/leakprof" "$lp/main.go" "$lp/causes.go" "$lp/expect.go" >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build-driver "$(tail -n 5 "$TMP/build.log")"; exit 0; }
pass $NAME/build

"$TMP/leakprof" -drip "$DRIP" -test "$testfile" -main "$TMP/main.exe" -out "$TMP/runs" -forms full \
    -experiment "$experiment" -j 2 -expect "$lp/causes-programs.tsv"
