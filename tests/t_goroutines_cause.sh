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
# DRIP_CAUSE_MIN (default 55, measured 58 of 58-60: which flaky kernels manifest
# varies from run to run).
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
"$GO" build -o "$TMP/leakprof" "$ROOT/tests/goroutines/leakprof/main.go" "$ROOT/tests/goroutines/leakprof/causes.go" "$ROOT/tests/goroutines/leakprof/expect.go" >"$TMP/build.log" 2>&1 ||
    { fail $NAME/build-driver "$(tail -n 5 "$TMP/build.log")"; exit 0; }
pass $NAME/build

"$TMP/leakprof" -drip "$DRIP" -test "$testfile" -goker "$TMP/goker.exe" -out "$TMP/runs" -forms full \
    -experiment "$experiment" -j 2 -reps 3 -causes "$ROOT/tests/goroutines/leakprof/causes-goker.txt"

# The same dump as if taken on another machine: its paths under /app do
# not exist here. drip says which file it could not find and gives the
# report it gives without source; with --source and --trim-prefix it finds
# the files again and explains.
dump=$TMP/runs/Cockroach7504/0/full.txt.unmarked
if [ ! -f "$dump" ]; then
    skip $NAME/no-source "no dump of Cockroach7504"
    exit 0
fi
export NO_COLOR=1
sed "s#$src/#/app/#g" "$dump" >"$TMP/moved.txt"
"$DRIP" goroutines "$TMP/moved.txt" >"$TMP/moved.out" 2>&1
"$DRIP" goroutines --no-source "$dump" 2>&1 | sed "s#$src/#/app/#g; s#$dump#$TMP/moved.txt#" >"$TMP/nosource.out"
if ! grep -q "why \[no-source\]: source not found: /app/goker/cockroach7504.go" "$TMP/moved.out"; then
    fail $NAME/no-source "no 'source not found' for the moved dump: $(head -c 400 "$TMP/moved.out")"
elif ! grep -v "why \[no-source\]" "$TMP/moved.out" | diff - "$TMP/nosource.out" >"$TMP/diff.out"; then
    fail $NAME/no-source "the moved dump's report differs from the one without source: $(head -c 400 "$TMP/diff.out")"
else
    pass $NAME/no-source
fi
"$DRIP" goroutines --source "$src" --trim-prefix /app "$TMP/moved.txt" >"$TMP/found.out" 2>&1
if grep -q "why \[lock-cycle\]: .*cockroach7504.go:" "$TMP/found.out" && ! grep -q "no-source" "$TMP/found.out"; then
    pass $NAME/trim-prefix
else
    fail $NAME/trim-prefix "no lock cycle with --source and --trim-prefix: $(grep why "$TMP/found.out" | head -c 400)"
fi
