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
# check NAME COMMAND... : PASS when the command succeeds.
check() {
    name=$1; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -n 5)"; fi
}
