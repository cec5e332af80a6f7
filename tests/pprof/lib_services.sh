# lib_services.sh - sourced by the watch tests after tests/lib.sh: builds
# the Go test service and load client, starts services on free loopback
# ports and always stops them.
PIDS=""
cleanup_services() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup_services EXIT
trap 'exit 130' INT TERM

build_services() {
    (cd "$ROOT/tests/pprof/leaky" && go build -o "$TMP/leaky" .) >"$TMP/build.log" 2>&1 &&
        (cd "$ROOT/tests/pprof/load" && go build -o "$TMP/load" .) >>"$TMP/build.log" 2>&1
}

# start_service MODE NAME [ADDR [FLAG...]]: starts it ($LEAKY_BIN, or the
# service build_services made), waits for its address, and sets
# ADDR_<NAME> and PID_<NAME>.
start_service() {
    mode=$1 name=$2 addr=${3:-127.0.0.1:0}
    shift 2
    [ $# -gt 0 ] && shift
    rm -f "$TMP/addr-$name"
    "${LEAKY_BIN:-$TMP/leaky}" -mode "$mode" -addr "$addr" -addrfile "$TMP/addr-$name" "$@" 2>>"$TMP/svc-$name.log" &
    pid=$!
    PIDS="$PIDS $pid"
    eval "PID_$name=$pid"
    i=0
    while [ ! -s "$TMP/addr-$name" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$TMP/addr-$name" ] || return 1
    eval "ADDR_$name=$(cat "$TMP/addr-$name")"
}

# line_of FILE MARK: the line number of the comment MARK in a Go source.
line_of() {
    grep -n "$2" "$ROOT/tests/pprof/leaky/$1" | head -n 1 | cut -d: -f1
}
