# t_build.sh - drip builds warning-free with both gcc and clang.
. "$(dirname "$0")/lib.sh"
for cc in gcc clang; do
    if make -C "$ROOT" -s BUILD="build-$cc-check" CC=$cc WERROR=1 "build-$cc-check/drip" >"$TMP/$cc.log" 2>&1; then
        pass "build/$cc-no-warnings"
    else
        fail "build/$cc-no-warnings" "$(grep -m3 -E 'warning|error' "$TMP/$cc.log")"
    fi
    rm -rf "$ROOT/build-$cc-check"
done
# libcurl and its thirty libraries are loaded by drip watch alone: the
# other commands start without them.
if [ -x "$ROOT/drip" ]; then
    libs=$(ldd "$ROOT/drip" 2>&1)
    if echo "$libs" | grep -q libcurl; then
        fail "build/no-libcurl-at-start" "drip links libcurl: $(echo "$libs" | grep libcurl)"
    else
        pass "build/no-libcurl-at-start"
    fi
fi
