#!/bin/sh
# deps.sh build|test - install the Debian packages drip needs when missing.
# "build" is what compiling drip needs; "test" adds what the test suite and
# benchmarks run beside drip (Go, clang's fuzzer runtime, peers, corpora).
# On a system without dpkg and apt-get, "build" only checks that the
# compiler finds zlib's, libcurl's and libyaml's headers.
set -eu

want_build="gcc make zlib1g-dev libcurl4-openssl-dev libyaml-dev"
want_test="$want_build golang-go clang libclang-rt-14-dev valgrind time panicparse go-staticcheck \
golang-google-grpc-dev golang-etcd-server-dev golang-github-docker-docker-dev man-db groff-base zsh fish \
golang-uber-goleak-dev pre-commit vim nodejs python3-yaml git"

# headers_ok: a C compiler that finds zlib's, libcurl's and libyaml's headers is all
# the build needs, however they were installed.
headers_ok() {
    cc=${CC:-cc}
    command -v "$cc" >/dev/null 2>&1 || return 1
    printf '#include <zlib.h>\n#include <curl/curl.h>\n#include <yaml.h>\nint main(void) { return 0; }\n' |
        "$cc" -x c -fsyntax-only - >/dev/null 2>&1
}

# Without Debian's tools, name what is missing and go on when the build
# would work anyway.
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    if [ "${1:-build}" = build ] && headers_ok; then
        exit 0
    fi
    if [ "${1:-build}" = build ]; then
        echo "drip: a C11 compiler (CC=${CC:-cc}) with zlib's, libcurl's and libyaml's headers is needed;" \
             "install zlib, libcurl and libyaml development packages with your system's package manager" >&2
        exit 1
    fi
    echo "drip: not a Debian system: install by hand what the tests use:" \
         "a C compiler, zlib, libcurl and libyaml headers, Go, clang with libFuzzer, valgrind, GNU time, curl" >&2
    headers_ok
    exit $?
fi

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
