# hostile_lib.sh - sourced by the tests/t_hostile_*.sh scripts after
# tests/lib.sh: bomb generators, peak-memory measurement and the hostile
# test server (tests/pprof/hostile).

# strtab_bomb N FILE: a gzip profile whose string table holds N empty
# strings (2 bytes each on the wire), the shape of issue 14's 1 MB bomb.
strtab_bomb() {
    python3 - "$1" "$2" <<'PY'
import sys, zlib
n, path = int(sys.argv[1]), sys.argv[2]
c = zlib.compressobj(9, zlib.DEFLATED, 31)
out = [c.compress(b"\x32\x00\x32\x05space\x0a\x02\x08\x01")]
chunk = b"\x32\x00" * (1 << 20)
while n > 0:
    k = min(n, 1 << 20)
    out.append(c.compress(chunk[:2 * k]))
    n -= k
out.append(c.flush())
open(path, "wb").write(b"".join(out))
PY
}

# measure FILE CMD...: runs CMD with stdout/stderr to FILE.out/FILE.err,
# sets RC, RSS_KB (peak) and SECS.
measure() {
    m=$1; shift
    /usr/bin/time -f '%M %e' -o "$m.time" "$@" >"$m.out" 2>"$m.err"
    RC=$?
    RSS_KB=$(tail -n 1 "$m.time" | cut -d' ' -f1)
    SECS=$(tail -n 1 "$m.time" | cut -d' ' -f2)
    # /usr/bin/time reports the command's status in its own status
    case "$RSS_KB" in ''|*[!0-9]*) RSS_KB=0 ;; esac
}

# legacy_heap N: a legacy text heap profile with one site of N*40 objects.
legacy_heap() {
    n=$(($1 * 40))
    printf 'heap profile: %d: %d [%d: %d] @ heap/1\n' $n $((n * 65536)) $n $((n * 65536))
    printf '%d: %d [%d: %d] @ 0x1\n#\t0x1\tmain.grow+0x1\t/app/grow.go:7\n' $n $((n * 65536)) $n $((n * 65536))
}

# build_hostile_server: builds tests/pprof/hostile into $TMP/hostile.
build_hostile_server() {
    (cd "$ROOT/tests/pprof/hostile" && go build -o "$TMP/hostile" .) >"$TMP/build.log" 2>&1
}
HOSTILE_PIDS=""
stop_hostile_servers() {
    for p in $HOSTILE_PIDS; do kill "$p" 2>/dev/null; done
    for p in $HOSTILE_PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap stop_hostile_servers EXIT
# start_hostile NAME ADDR FLAG...: starts the server, sets ADDR_<NAME>.
start_hostile() {
    name=$1 addr=$2
    shift 2
    rm -f "$TMP/addr-$name"
    "$TMP/hostile" -addr "$addr" -addrfile "$TMP/addr-$name" "$@" 2>>"$TMP/srv-$name.log" &
    HOSTILE_PIDS="$HOSTILE_PIDS $!"
    i=0
    while [ ! -s "$TMP/addr-$name" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$TMP/addr-$name" ] || return 1
    eval "ADDR_$name=$(cat "$TMP/addr-$name")"
}
