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
export GOFLAGS=${GOFLAGS:--mod=mod}
export GOCACHE=${GOCACHE:-$ROOT/build/gocache}
export GOPATH=${GOPATH:-$ROOT/build/gopath}
export GO111MODULE=${GO111MODULE:-on}
export GOPROXY=off
export GOTOOLCHAIN=local 2>/dev/null || true

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: ${2:-}"; }
# check NAME COMMAND... : PASS when the command succeeds.
check() {
    name=$1; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -n 5)"; fi
}
