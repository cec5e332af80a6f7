# t_goroutines_cause.sh - the cause drip goroutines gives for each leak of
# the 63 GoKer kernels of Go's goroutine leak profile test (Go 1.27, or 1.26
# with GOEXPERIMENT=goroutineleakprofile). The kernels are built once, as
# t_goroutines_leakprofile.sh builds them, and each is run twice; drip reads
# the full dump taken right after Go's leak detector ran (without Go's
# marks), with the kernels' sources on disk, and must explain each leak Go
# reported: the partner operations of a channel, the holder or cycle of a
# lock, the Done or Signal sites, of the right kind (lock-cycle and
# recursive-rlock where tests/goroutines/leakprof/causes-goker.txt says so).
# Prints the kernels whose cause drip states right, and fails below
# DRIP_CAUSE_MIN (default 50).
. "$(dirname "$0")/lib.sh"
NAME=goroutines-cause

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

src=$TMP/testgoroutineleakprofile
cp -R "$testdir" "$src" && chmod -R u+w "$src"
printf 'module testgoroutineleakprofile\n\ngo %s\n' "$("$GO" env GOVERSION | sed 's/^go\([0-9]*\.[0-9]*\).*/\1/')" >"$src/go.mod"
for f in "$src"/goker/*.go; do
    sed 's/\bprof\.WriteTo(/dripWriteTo(prof, /' "$f" >"$f.new" && mv "$f.new" "$f"
done
cp "$ROOT/tests/goroutines/leakprof/dripwriteto.go.in" "$src/goker/zz_dripwriteto.go"
(cd "$src/goker" && "$GO" build -o "$TMP/goker.exe" .) >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build "$(tail -n 5 "$TMP/build.log")"; exit 0; }
"$GO" build -o "$TMP/leakprof" "$ROOT/tests/goroutines/leakprof/main.go" "$ROOT/tests/goroutines/leakprof/causes.go" >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build-driver "$(tail -n 5 "$TMP/build.log")"; exit 0; }
pass $NAME/build

"$TMP/leakprof" -drip "$DRIP" -test "$testfile" -goker "$TMP/goker.exe" -out "$TMP/runs" -forms full \
    -experiment "$experiment" -j 2 -reps 2 -causes "$ROOT/tests/goroutines/leakprof/causes-goker.txt"
