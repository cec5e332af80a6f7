#!/bin/sh
# deps.sh build|test - install the Debian packages drip needs when missing.
# "build" is what compiling drip needs; "test" adds what the test suite and
# benchmarks run beside drip (Go, clang's fuzzer runtime, peers, corpora).
set -eu

want_build="gcc make zlib1g-dev libcurl4-openssl-dev"
want_test="$want_build golang-go clang libclang-rt-14-dev valgrind time panicparse go-staticcheck \
golang-google-grpc-dev golang-etcd-server-dev golang-github-docker-docker-dev \
golang-uber-goleak-dev"

case "${1:-build}" in
build) want=$want_build ;;
test) want=$want_test ;;
*) echo "usage: scripts/deps.sh build|test" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "drip: missing Debian packages:$missing" >&2
    echo "drip: install them with: apt-get install$missing" >&2
    exit 1
fi
echo "drip: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
