# lib.sh - sourced by every tests/t_*.sh script.
# A test reports each check with pass NAME or fail NAME MESSAGE; the runner
# counts the PASS and FAIL lines. $DRIP is the binary under test, $ROOT the
# repository, $BUILD the build folder, $TMP a fresh scratch folder.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$ROOT/drip}
BUILD=${BUILD:-$ROOT/build}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/drip-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Go programs built by tests use the standard library only.
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: ${2:-}"; }
skip() { echo "SKIP $1: ${2:-}"; }

# The Go toolchains the suite runs on. `make test` fetches them once
# (scripts/gotoolchain.sh) and lists them in $BUILD/toolchains, a line
# "VERSION GOROOT" each, GOROOT "-" when that toolchain could not be had.
GO_VERSIONS="1.19 1.22 1.23 1.24 1.26 1.27"
TOOLCHAINS=${DRIP_TOOLCHAINS:-$BUILD/toolchains}
# goroot_of VERSION: print that toolchain's GOROOT, or fail.
goroot_of() {
    [ -f "$TOOLCHAINS" ] || sh "$ROOT/scripts/gotoolchain.sh" $GO_VERSIONS >"$TOOLCHAINS" 2>/dev/null
    g=$(awk -v v="$1" '$1 == v { print $2 }' "$TOOLCHAINS")
    [ -n "$g" ] && [ "$g" != - ] && [ -x "$g/bin/go" ] && echo "$g"
}
# go_of VERSION: the go command of that toolchain, or fail.
go_of() { g=$(goroot_of "$1") && echo "$g/bin/go"; }
# newest_go: "VERSION GOROOT" of the newest toolchain the suite has.
newest_go() {
    for v in $(echo $GO_VERSIONS | tr ' ' '\n' | sort -t. -k2 -n -r); do
        if g=$(goroot_of "$v"); then echo "$v $g"; return 0; fi
    done
    return 1
}
# check NAME COMMAND... : PASS when the command succeeds.
check() {
    name=$1; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -n 5)"; fi
}
