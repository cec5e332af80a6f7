# t_check_config.sh - .drip.yml: found by walking up from each package (the
# nearest wins), rules on and off, per-rule settings, per-path rules,
# excluded paths, tests and generated code; unknown keys and rules are
# errors naming the file and line; drip config prints what applies.
. "$(dirname "$0")/lib.sh"

M=$TMP/mod
mkdir -p "$M/a" "$M/b/legacy" "$M/c"
printf 'module cfg\n\ngo 1.22\n' >"$M/go.mod"
nilrecv='func %s() {\n\tvar ch chan int\n\t<-ch\n}\n'
bigarr='func %s(a [100000]byte) byte { return a[0] }\n'
{ printf 'package a\n\n'; printf "$nilrecv" A; printf "$bigarr" Big; } >"$M/a/a.go"
# (a nil-channel receive in a test is of medium confidence: leaks there
# end with the test process; a double Lock deadlocks the test itself)
{ printf 'package a\n\nimport (\n\t"sync"\n\t"testing"\n)\n\nfunc TestA(t *testing.T) {\n\tvar mu sync.Mutex\n\tmu.Lock()\n\tmu.Lock()\n}\n'; } >"$M/a/a_test.go"
{ printf 'package b\n\n'; printf "$nilrecv" B; } >"$M/b/b.go"
{ printf 'package legacy\n\n'; printf "$nilrecv" L; printf "$bigarr" LBig; } >"$M/b/legacy/l.go"
{ printf 'package c\n\n'; printf "$nilrecv" C; } >"$M/c/c.go"
{ printf 'package c\n\n'; printf "$nilrecv" Skipped; } >"$M/c/skip_me.go"
sites() { (cd "$M" && "$DRIP" check "$@" ./... 2>"$TMP/err") | sed -n 's/^\([a-z_/.]*\):[0-9]*:[0-9]*: .*(\([a-z-]*\))$/\1 \2/p' | sort | tr '\n' ';'; }

all=$(sites)
[ "$all" = "a/a.go big-array-param;a/a.go nil-channel;a/a_test.go double-lock;b/b.go nil-channel;b/legacy/l.go big-array-param;b/legacy/l.go nil-channel;c/c.go nil-channel;c/skip_me.go nil-channel;" ] &&
    pass config/none || fail config/none "$all"

cat >"$M/.drip.yml" <<'YML'
# the module's configuration
rules:
  disable: [big-array-param]
tests: false
exclude: ["skip_*.go"]
paths:
  - match: ["b/legacy/**"]
    disable: [nil-channel]
    enable: [big-array-param]
YML
got=$(sites)
[ "$got" = "a/a.go nil-channel;b/b.go nil-channel;b/legacy/l.go big-array-param;c/c.go nil-channel;" ] &&
    pass config/rules-tests-exclude-paths || fail config/rules-tests-exclude-paths "$got $(cat "$TMP/err")"
# a nearer file wins whole: c has its own, which turns only big-array-param
# on and sets its threshold above the array's size
cat >"$M/c/.drip.yml" <<'YML'
rules:
  enable: [big-array-param, nil-channel]
settings:
  big-array-param:
    threshold: 200000
YML
{ printf 'package c\n\n'; printf "$bigarr" CBig; } >"$M/c/big.go"
got=$(sites)
[ "$got" = "a/a.go nil-channel;b/b.go nil-channel;b/legacy/l.go big-array-param;c/c.go nil-channel;c/skip_me.go nil-channel;" ] &&
    pass config/nearest-wins || fail config/nearest-wins "$got $(cat "$TMP/err")"
# command-line rules win over the files
got=$(sites --enable big-array-param)
[ "$got" = "a/a.go big-array-param;b/legacy/l.go big-array-param;" ] && pass config/flags-win || fail config/flags-win "$got"
# drip config names the file and what it sets
(cd "$M/c" && "$DRIP" config) >"$TMP/cfg.out" 2>&1
rc=$?
[ $rc = 0 ] && grep -q "^file: $M/c/.drip.yml$" "$TMP/cfg.out" && grep -q '^rules: big-array-param nil-channel$' "$TMP/cfg.out" &&
    grep -q '^big-array-param threshold: 200000 bytes$' "$TMP/cfg.out" && pass config/print || fail config/print "exit $rc: $(cat "$TMP/cfg.out")"
"$DRIP" config "$M/b/legacy" | grep -q '^  nil-channel: off$' && pass config/print-paths || fail config/print-paths "$("$DRIP" config "$M/b/legacy")"

# errors: unknown keys and rules with file:line, bad YAML with line:col;
# exit 2 from check and config
bad() { # NAME TEXT PATTERN
    printf '%b' "$2" >"$M/c/.drip.yml"
    (cd "$M" && "$DRIP" check ./... >/dev/null 2>"$TMP/bad.err")
    rc=$?
    (cd "$M" && "$DRIP" config c >/dev/null 2>"$TMP/badc.err")
    rc2=$?
    if [ $rc = 2 ] && [ $rc2 = 2 ] && grep -q "$3" "$TMP/bad.err" && grep -q "$3" "$TMP/badc.err"; then pass "config/$1"; else fail "config/$1" "exit $rc/$rc2: $(cat "$TMP/bad.err")"; fi
}
bad unknown-key 'rules:\n  disable: [lock-order]\ntest: false\n' "c/.drip.yml:3: unknown key 'test' in the top level: want version, rules, settings, tests"
bad unknown-nested-key 'rules:\n  disabled: [lock-order]\n' "c/.drip.yml:2: unknown key 'disabled' in rules: want enable or disable"
bad unknown-rule 'rules:\n  disable:\n    - lock-ordr\n' "c/.drip.yml:3: unknown rule 'lock-ordr': did you mean 'lock-order'?"
bad bad-bool 'tests: maybe\n' "c/.drip.yml:1: tests: want true or false, not 'maybe'"
bad bad-yaml 'rules: [unclosed\n' 'c/.drip.yml:2:1: '
bad bad-threshold 'settings:\n  big-array-param:\n    threshold: -5\n' "threshold: want a positive number of bytes, not '-5'"
