# t_check_stdlib.sh - drip check over the whole Go standard library and the
# Go sources of three large Debian packages (grpc, etcd, docker): no crash,
# exit status 0 or 1, and the count of findings per rule. Then Go 1.27's
# standard library (methods with type parameters, ...): no syntax error
# either; and a Go 1.27 program whose leaks are in such methods and behind
# instantiated calls (p.loop[string](nil)): each one found.
. "$(dirname "$0")/lib.sh"

goroot=$(go env GOROOT 2>/dev/null)
run_tree() {
    name=$1 tree=$2
    if [ ! -d "$tree" ]; then
        fail "check-stdlib/$name" "missing $tree (scripts/deps.sh test installs it)"
        return
    fi
    "$DRIP" check --stats "$tree/..." >"$TMP/$name.out" 2>"$TMP/$name.err"
    rc=$?
    if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
        pass "check-stdlib/$name"
    else
        fail "check-stdlib/$name" "exit status $rc: $(grep -v '^drip: ' "$TMP/$name.err" | head -n 3)"
    fi
    # counts per rule, as --stats prints them
    sed -n 's/^drip: \([a-z-]*\) *\([0-9][0-9]*\)$/\1=\2/p' "$TMP/$name.err" | tr '\n' ' ' | sed "s/^/$name: /"
    echo
    head -n 1 "$TMP/$name.err"
    # every finding line is go-vet shaped
    bad=$(grep -v -c -E '^[^:]+:[0-9]+:[0-9]+: .* \([a-z-]+\)$' "$TMP/$name.out")
    [ "$bad" = 0 ] && pass "check-stdlib/$name-format" || fail "check-stdlib/$name-format" "$bad malformed lines"
}
run_tree std "$goroot/src"
run_tree grpc /usr/share/gocode/src/google.golang.org/grpc
run_tree etcd /usr/share/gocode/src/go.etcd.io/etcd
run_tree docker /usr/share/gocode/src/github.com/docker/docker

# Go 1.27: its standard library parses without a syntax error
if g127=$(goroot_of 1.27); then
    run_tree std-go1.27 "$g127/src"
    stats=$(grep -m 1 ' syntax errors' "$TMP/std-go1.27.err")
    if echo "$stats" | grep -q ' 0 syntax errors'; then
        pass check-stdlib/std-go1.27-no-syntax-error
    else
        fail check-stdlib/std-go1.27-no-syntax-error "$stats: $(grep -E '^/[^:]+:[0-9]+:[0-9]+: ' "$TMP/std-go1.27.err" | head -n 3)"
    fi
else
    skip check-stdlib/std-go1.27 "no Go 1.27"
fi

# A Go 1.27 program: the findings are exactly the lines marked want, and
# each says what its want expects
prog=$ROOT/tests/testdata/check/generic_methods
if go127=$(go_of 1.27); then
    if out=$(cd "$prog" && GOCACHE="$TMP/gocache" "$go127" vet . 2>&1); then
        pass check-stdlib/go1.27-program-builds
    else
        fail check-stdlib/go1.27-program-builds "$(echo "$out" | head -n 3)"
    fi
    (cd "$prog" && "$DRIP" check .) >"$TMP/prog.out" 2>"$TMP/prog.err"
    rc=$?
    grep -n '// want "' "$prog/main.go" | sed 's/^\([0-9]*\):.*\/\/ want "\(.*\)"$/\1 \2/' >"$TMP/wants"
    want=$(cut -d' ' -f1 "$TMP/wants" | tr '\n' ' ')
    got=$(sed -n 's/^main\.go:\([0-9]*\):.*/\1/p' "$TMP/prog.out" | tr '\n' ' ')
    if [ "$rc" = 1 ] && [ -n "$want" ] && [ "$want" = "$got" ] && [ ! -s "$TMP/prog.err" ]; then
        pass check-stdlib/go1.27-generic-method-leaks
    else
        fail check-stdlib/go1.27-generic-method-leaks "exit $rc, want lines $want, got $got: $(head -n 3 "$TMP/prog.err")"
    fi
    bad=0
    while read -r line re; do
        grep "^main\.go:$line:" "$TMP/prog.out" | grep -q -- "$re" || bad=$((bad + 1))
    done <"$TMP/wants"
    if [ "$bad" = 0 ]; then
        pass check-stdlib/go1.27-generic-method-messages
    else
        fail check-stdlib/go1.27-generic-method-messages "$bad findings do not say what their want expects"
    fi
else
    skip check-stdlib/go1.27-program "no Go 1.27"
fi
