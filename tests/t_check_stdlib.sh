# t_check_stdlib.sh - drip check over the whole Go standard library and the
# Go sources of three large Debian packages (grpc, etcd, docker): no crash,
# exit status 0 or 1, and the count of findings per rule.
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
