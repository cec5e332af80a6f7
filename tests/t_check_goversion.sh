# t_check_goversion.sh - the Go version of a module decides what drip
# check sees: go.mod's go line (and --go) switches ticker-leak between
# pre-1.23 timers and collected ones, release tags pick //go:build go1.N
# files (--go and --tags change them), and real toolchains show the timer
# behaviour the rule assumes.
. "$(dirname "$0")/lib.sh"

GV=$ROOT/testdata/goversion

# module DIR GOLINE [EXTRA go.mod LINES]: a module of the ticker cases.
module() {
    mkdir -p "$1"
    cp "$GV/ticker/ticker.go" "$1/"
    printf 'module example.com/ticker\n\ngo %s\n%s' "$2" "${3:-}" >"$1/go.mod"
}

# expect_ticker NAME DIR OLD|NEW [FLAGS]: drip's ticker-leak findings in
# DIR are exactly the `// want` lines and the want-old or want-new ones.
expect_ticker() {
    name=$1 dir=$2 mode=$3
    shift 3
    (cd "$dir" && "$DRIP" check --enable ticker-leak "$@" .) >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        fail "$name" "drip check exited $rc: $(head -n 3 "$TMP/err")"
        return
    fi
    result=$(awk -v mode="$mode" '
        FNR == 1 { fileidx++ }
        fileidx == 1 {
            if (match($0, /^[^:]+:[0-9]+:[0-9]+: /)) {
                split($0, parts, ":")
                key = parts[2]
                nd[key]++
                diag[key, nd[key]] = substr($0, RLENGTH + 1)
            }
            next
        }
        {
            rest = $0
            while (match(rest, /\/\/ want(-old|-new)? "([^"\\]|\\.)*"|want(-old|-new)? "([^"\\]|\\.)*"/)) {
                m = substr(rest, RSTART, RLENGTH)
                rest = substr(rest, RSTART + RLENGTH)
                sub(/^\/\/ /, "", m)
                kind = substr(m, 1, index(m, " ") - 1)
                re = substr(m, index(m, "\"") + 1)
                re = substr(re, 1, length(re) - 1)
                gsub(/\\d/, "[0-9]", re)
                if (kind == "want-old" && mode != "OLD") continue
                if (kind == "want-new" && mode != "NEW") continue
                nwant++
                found = 0
                for (k = 1; k <= nd[FNR]; k++)
                    if (!used[FNR, k] && diag[FNR, k] ~ re) { used[FNR, k] = 1; found = 1; break }
                if (!found) { print "MISSING line " FNR ": " re; bad++ }
            }
        }
        END {
            for (d in nd) for (k = 1; k <= nd[d]; k++)
                if (!used[d, k]) { print "UNEXPECTED line " d ": " diag[d, k]; bad++ }
            print "WANTS " nwant
            exit bad ? 1 : 0
        }' "$TMP/out" "$dir/ticker.go")
    if [ $? = 0 ]; then
        echo "$name: $(echo "$result" | sed -n 's/^WANTS //p') findings as marked for $mode timers"
        pass "$name"
    else
        fail "$name" "$(echo "$result" | grep -v '^WANTS' | head -n 10)"
    fi
}

module "$TMP/m122" 1.22
module "$TMP/m123" 1.23
module "$TMP/m127" 1.27
module "$TMP/m123debug" 1.23 'godebug asynctimerchan=1
'
mkdir -p "$TMP/gopath"
cp "$GV/ticker/ticker.go" "$TMP/gopath/"
expect_ticker check-goversion/ticker-go1.22 "$TMP/m122" OLD
expect_ticker check-goversion/ticker-go1.23 "$TMP/m123" NEW
expect_ticker check-goversion/ticker-go1.27 "$TMP/m127" NEW
expect_ticker check-goversion/ticker-godebug "$TMP/m123debug" OLD
expect_ticker check-goversion/ticker-no-module "$TMP/gopath" OLD
expect_ticker check-goversion/ticker-go-flag-old "$TMP/m127" OLD --go 1.22
expect_ticker check-goversion/ticker-go-flag-new "$TMP/m122" NEW --go 1.23

# The ticker cases are real Go: each module builds with Go 1.27.
if g=$(go_of 1.27); then
    for m in m122 m123 m127; do
        check "check-goversion/builds-$m" sh -c "cd '$TMP/$m' && GOCACHE='$TMP/gocache' '$g' build ./..."
    done
else
    skip check-goversion/builds "no Go 1.27"
fi

# Release tags: a //go:build go1.25 file, or its !go1.25 fallback.
# release_files NAME DIR WANT [FLAGS]: the nil-channel findings name
# exactly the files WANT ("new", "old" or "new old").
release_files() {
    name=$1 dir=$2 want=$3
    shift 3
    got=$( (cd "$dir" && "$DRIP" check --enable nil-channel "$@" .) 2>&1 |
        sed -n 's/^\([a-z]*\)_go125\.go:.*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" = "$want" ]; then pass "$name"; else fail "$name" "want files '$want', got '$got'"; fi
}
for v in 1.22 1.27; do
    mkdir -p "$TMP/rel$v"
    cp "$GV/release/"*.go "$TMP/rel$v/"
    printf 'module example.com/release\n\ngo %s\n' "$v" >"$TMP/rel$v/go.mod"
done
# Go 1.27's go vet has go1.1..go1.27 whatever the go line says.
release_files check-goversion/release-go1.22-module "$TMP/rel1.22" new
release_files check-goversion/release-go1.27-module "$TMP/rel1.27" new
release_files check-goversion/release-go-flag "$TMP/rel1.27" old --go 1.24
release_files check-goversion/release-go-flag-25 "$TMP/rel1.22" new --go 1.25
release_files check-goversion/release-tags "$TMP/rel1.22" new --go 1.24 --tags go1.25
printf 'module example.com/release\n\ngo 1.22\n\ntoolchain go1.24.1\n' >"$TMP/rel1.22/go.mod"
release_files check-goversion/release-toolchain-line "$TMP/rel1.22" new
# The real go command agrees: Go 1.24 builds the fallback, Go 1.27 the new
# file, in a go 1.22 module.
mkdir -p "$TMP/list"
cp "$GV/release/"*.go "$TMP/list/"
printf 'module example.com/release\n\ngo 1.22\n' >"$TMP/list/go.mod"
for v in 1.24 1.27; do
    if g=$(go_of $v); then
        want=new
        [ $v = 1.24 ] && want=old
        got=$(cd "$TMP/list" && GOCACHE="$TMP/gocache" "$g" list -f '{{join .GoFiles " "}}' . 2>&1)
        case "$got" in
        *"${want}_go125.go"*) pass "check-goversion/go-list-$v" ;;
        *) fail "check-goversion/go-list-$v" "go $v list: $got" ;;
        esac
    else
        skip "check-goversion/go-list-$v" "no Go $v"
    fi
done

# Bad --go values are usage errors.
out=$("$DRIP" check --go 2.0 "$TMP/m122" 2>&1)
rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q "wants a Go version like 1.23, not '2.0'"; then
    pass check-goversion/bad-go-flag
else
    fail check-goversion/bad-go-flag "exit $rc: $out"
fi

# What the rule assumes about timers, on real toolchains: 100000
# unstopped tickers are freed or retained by the collector according to
# the toolchain and the go line (Go 1.27 removed asynctimerchan).
# timer_gc GOVERSION GOLINE WANT [GOPATH]
timer_gc() {
    v=$1 line=$2 want=$3
    if ! g=$(go_of "$v"); then
        skip "check-goversion/timers-go$v-line$line" "no Go $v"
        return
    fi
    d="$TMP/gc-$v-$line-${4:-mod}"
    mkdir -p "$d"
    cp "$GV/timergc/main.go" "$d/"
    if [ "${4:-}" = gopath ]; then
        got=$(cd "$d" && GO111MODULE=off GOCACHE="$TMP/gocache" "$g" run . 2>&1)
    else
        printf 'module example.com/timergc\n\ngo %s\n' "$line" >"$d/go.mod"
        got=$(cd "$d" && GOCACHE="$TMP/gocache" "$g" run . 2>&1)
    fi
    if [ "$got" = "$want" ]; then
        pass "check-goversion/timers-go$v-line$line${4:+-$4}"
    else
        fail "check-goversion/timers-go$v-line$line${4:+-$4}" "want $want, got: $got"
    fi
}
timer_gc 1.22 1.22 retained
timer_gc 1.23 1.22 retained
timer_gc 1.23 1.23 freed
timer_gc 1.26 1.22 retained
timer_gc 1.27 1.22 freed
timer_gc 1.23 - retained gopath

# drip explain says what the Go version changes, for every rule.
for rule in $("$DRIP" check --list | awk '{print $1}'); do
    doc=$("$DRIP" explain "$rule")
    if echo "$doc" | grep -q '^Go versions:$'; then
        pass "check-goversion/explain-$rule"
    else
        fail "check-goversion/explain-$rule" "no 'Go versions:' section"
    fi
done
doc=$("$DRIP" explain ticker-leak | sed -n '/^Go versions:$/,$p')
echo "$doc" | grep -q 'go 1.23 or later' && echo "$doc" | grep -q 'asynctimerchan=1' &&
    pass check-goversion/explain-ticker-leak-1.23 || fail check-goversion/explain-ticker-leak-1.23 "$doc"
for rule in abandoned-channel goroutine-no-exit; do
    "$DRIP" explain $rule | sed -n '/^Go versions:$/,$p' | grep -q 'wg.Go(f) on a sync.WaitGroup (Go 1.25)' &&
        pass "check-goversion/explain-$rule-wg-go" || fail "check-goversion/explain-$rule-wg-go" "no wg.Go"
done

# Go's own time package: time.Tick's body (time/tick.go) is not a leak of
# its own (its callers are reported), on Go 1.19's std (go 1.19: old
# timers) and on Go 1.27's, also checked as Go 1.22.
for v in 1.19 1.27; do
    if ! r=$(goroot_of $v); then
        skip "check-goversion/std-time-go$v" "no Go $v"
        continue
    fi
    for flags in "" "--go 1.22"; do
        # shellcheck disable=SC2086
        out=$("$DRIP" check --enable ticker-leak $flags "$r/src/time" 2>&1)
        rc=$?
        name="check-goversion/std-time-go$v${flags:+-as-1.22}"
        if [ $rc -le 1 ] && ! echo "$out" | grep -q 'time/tick\.go:'; then
            pass "$name"
        else
            fail "$name" "exit $rc: $(echo "$out" | grep 'tick\.go' | head -n 3)"
        fi
    done
done
