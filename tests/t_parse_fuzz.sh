#!/bin/sh
# t_parse_fuzz.sh - a 60 s libFuzzer smoke over the Go lexer and parser
# (ASan + UBSan), seeded with a sample of standard-library files copied to
# a temporary corpus. Passes if the fuzzer finds no crash, leak or hang.
. "$(dirname "$0")/lib.sh"
# The fuzzers are ASan+UBSan builds whatever the pass: under `make
# sanitize` they would only run again, so they run in the plain pass only.
if [ -n "${DRIP_SANITIZE:-}" ]; then
    skip parse_fuzz "the fuzzers are ASan+UBSan builds already and ran in the plain pass"
    exit 0
fi

SECONDS_TO_RUN=${DRIP_FUZZ_SECONDS:-60}
if ! command -v clang >/dev/null 2>&1; then
    fail parse_fuzz_build "clang is not installed: apt-get install clang libclang-rt-14-dev"
    exit 0
fi
# the fuzz rule of the Makefile does not track the library's sources:
# remove the binary so that it is relinked against an up-to-date library
rm -f "$ROOT/build-fuzz/fuzz_parse"
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$ROOT" --no-print-directory build-fuzz/fuzz_parse >"$TMP/build.log" 2>&1; then
    fail parse_fuzz_build "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
pass parse_fuzz_build

mkdir -p "$TMP/corpus"
# the newest toolchain: its go/parser judges the corpus below (drip parses
# as Go 1.27's), and its library seeds the corpus
NEWROOT=""
if newest=$(newest_go) && set -- $newest && [ "${1#1.}" -ge 27 ]; then
    NEWROOT=$2
fi
if [ -n "$NEWROOT" ]; then
    find -L "$NEWROOT/src" -name '*.go' -type f -size -16k | awk 'NR % 25 == 0' | head -n 200 >"$TMP/seeds"
    i=0
    while read -r f; do
        i=$((i + 1))
        cp "$f" "$TMP/corpus/seed$i.go"
    done <"$TMP/seeds"
fi
cp "$ROOT"/tests/testdata/parse/bad/*.go "$TMP/corpus/"
for f in "$ROOT"/tests/testdata/parse/good/*.go; do cp "$f" "$TMP/corpus/good_$(basename "$f")"; done

UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$ROOT/build-fuzz/fuzz_parse" -max_total_time="$SECONDS_TO_RUN" -max_len=2097152 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$TMP/" -print_final_stats=1 "$TMP/corpus" >"$TMP/log" 2>&1
rc=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TMP/log" | grep -o '[0-9]*$')
echo "fuzz: ${runs:-0} runs in ${SECONDS_TO_RUN}s, $(ls "$TMP/corpus" | wc -l) corpus files"
if [ "$rc" = 0 ] && [ "${runs:-0}" -gt 0 ]; then
    pass parse_fuzz_no_crash
else
    fail parse_fuzz_no_crash "exit $rc: $(grep -E 'ERROR|SUMMARY|crash|leak' "$TMP/log" | head -n 5)"
fi

# differential: every input the fuzzer kept must get the same verdict, the
# same tree and the same first error from drip and from go/parser
if [ -z "$NEWROOT" ]; then
    skip parse_fuzz_corpus_agrees_with_go "no Go 1.27 or later: drip parses as Go 1.27's go/parser"
elif (cd "$ROOT/tests/oracle" && "$NEWROOT/bin/go" build -o "$TMP/oracle" .) >/dev/null 2>&1; then
    "$DRIP" parse -ast "$TMP"/corpus/* 2>/dev/null | "$TMP/oracle" -compare >"$TMP/cmp"
    echo "fuzz corpus vs go/parser: $(tail -n 1 "$TMP/cmp")"
    if tail -n 1 "$TMP/cmp" | grep -q 'differing 0 .*only-by-go 0 rejected-only-by-drip 0 first-error-differs 0'; then
        pass parse_fuzz_corpus_agrees_with_go
    else
        # keep the inputs on which the two parsers disagree
        mkdir -p "$BUILD/parse-fuzz-diffs"
        grep -o "$TMP/corpus/[^ :]*" "$TMP/cmp" | sort -u | while read -r f; do
            cp "$f" "$BUILD/parse-fuzz-diffs/" 2>/dev/null
        done
        fail parse_fuzz_corpus_agrees_with_go "inputs kept in $BUILD/parse-fuzz-diffs: $(grep '^  ' "$TMP/cmp" | head -n 6)"
    fi
else
    fail parse_fuzz_corpus_agrees_with_go "cannot build tests/oracle with $NEWROOT/bin/go"
fi
