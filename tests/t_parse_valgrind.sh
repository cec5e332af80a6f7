#!/bin/sh
# t_parse_valgrind.sh - drip parse over a sample of standard-library files
# (and the bad-input files, and with -ast) under valgrind: no invalid
# access, no leak. On a sanitizer build, LeakSanitizer checks instead.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/sample"
if command -v go >/dev/null 2>&1; then
    find -L "$(go env GOROOT)/src" -name '*.go' -type f | awk 'NR % 60 == 0' | head -n 100 >"$TMP/list"
    i=0
    while read -r f; do
        i=$((i + 1))
        cp "$f" "$TMP/sample/f$i.go"
    done <"$TMP/list"
fi
cp "$ROOT"/tests/testdata/parse/bad/*.go "$TMP/sample/"
n=$(ls "$TMP/sample" | wc -l)

if strings "$DRIP" 2>/dev/null | grep -q AddressSanitizer; then
    run() { ASAN_OPTIONS=detect_leaks=1 "$@"; }
    tool="LeakSanitizer"
elif command -v valgrind >/dev/null 2>&1; then
    run() {
        valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
            --error-exitcode=99 "$@"
    }
    tool="valgrind"
else
    fail parse_valgrind "valgrind is not installed: apt-get install valgrind"
    exit 0
fi

run "$DRIP" parse "$TMP/sample" >/dev/null 2>"$TMP/log"
rc=$?
# 1: the bad files have syntax errors; 99 or a sanitizer report: memory errors
if [ "$rc" = 1 ] && ! grep -q -E '==[0-9]+==|ERROR: ' "$TMP/log"; then
    pass parse_valgrind_clean
else
    fail parse_valgrind_clean "$tool, exit $rc: $(grep -E '==[0-9]+==|ERROR' "$TMP/log" | head -n 8)"
fi
run "$DRIP" parse -ast "$TMP/sample" >/dev/null 2>"$TMP/log"
rc=$?
if [ "$rc" = 1 ] && ! grep -q -E '==[0-9]+==|ERROR: ' "$TMP/log"; then
    pass parse_valgrind_ast_clean
else
    fail parse_valgrind_ast_clean "$tool, exit $rc: $(grep -E '==[0-9]+==|ERROR' "$TMP/log" | head -n 8)"
fi
echo "checked $n files with $tool"
