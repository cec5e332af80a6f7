# t_heap_rate.sh - the legacy text heap profile (debug=1) at Go's default
# MemProfileRate: a real program allocates a known pattern and writes the
# heap profile as text and as protobuf from the same GC cycle. On Go 1.19
# and the newest toolchain, drip's values for the text form must be those
# of that toolchain's `go tool pprof` on the same file (exactly, for every
# sample type), agree with the protobuf form per site, and estimate the
# pattern (Go writes twice the rate into the header; reading it as the
# rate doubles every count).
. "$(dirname "$0")/lib.sh"

# pprof_rows GO BIN FILE IDX: "function flat" for pprof's nonzero rows.
pprof_rows() {
    "$1" tool pprof -top -nodefraction=0 -nodecount=100000 -unit=B -sample_index="$4" "$2" "$3" 2>/dev/null |
        awk 'f && $1 != "0" { v=$1; sub(/B$/, "", v); print $6, v } /^ *flat +flat%/ { f=1 }' | sort
}
# pprof_total GO BIN FILE IDX: the total pprof prints ("of N total").
pprof_total() {
    "$1" tool pprof -top -nodefraction=0 -unit=B -sample_index="$4" "$2" "$3" 2>/dev/null |
        sed -n 's/.* of \([0-9]*\)B total.*/\1/p'
}
# drip_rows FILE IDX [--functions]: "function flat" for drip's nonzero rows.
drip_rows() {
    "$DRIP" heap --raw --top 0 --no-hints --sample-index "$2" ${3:-} "$1" 2>/dev/null |
        awk 'f && $1 != "0" { print $6, $1 } /^ *flat +flat%/ { f=1 }' | sort
}
drip_total() {
    "$DRIP" heap --raw --top 0 --no-hints --sample-index "$2" "$1" 2>/dev/null | sed -n '1s/.*: total //p'
}
# near A B TOL: A within TOL (a fraction) of B.
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b > 0 ? d <= t * b : d == 0) }'; }

run_version() {
    v=$1 go=$2
    W=$TMP/$v
    mkdir -p "$W"
    if ! (cd "$ROOT/tests/pprof/heaprate" && "$go" build -o "$W/heaprate" .) >"$W/build.log" 2>&1; then
        fail heap/rate-$v-build "$(tail -n 5 "$W/build.log")"
        return
    fi
    "$W/heaprate" -out "$W" || { fail heap/rate-$v-run "heaprate failed"; return; }
    T=$W/heap.txt P=$W/heap.pb.gz
    rate=$(sed -n '1s/.*@ heap\/\([0-9]*\)$/\1/p' "$T")
    [ "$rate" = 1048576 ] && pass heap/rate-$v-header-twice-default ||
        fail heap/rate-$v-header-twice-default "header: $(head -n 1 "$T")"

    for idx in inuse_space inuse_objects alloc_space alloc_objects; do
        pprof_rows "$go" "$W/heaprate" "$T" $idx >"$W/pp-$idx"
        drip_rows "$T" $idx --functions >"$W/dr-$idx"
        pt=$(pprof_total "$go" "$W/heaprate" "$T" $idx)
        dt=$(drip_total "$T" $idx)
        if [ -s "$W/pp-$idx" ] && cmp -s "$W/pp-$idx" "$W/dr-$idx" && [ -n "$pt" ] && [ "$pt" = "$dt" ]; then
            pass "heap/rate-$v-pprof-agrees-$idx (total $dt)"
        else
            fail heap/rate-$v-pprof-agrees-$idx "pprof total '$pt', drip '$dt'; $(diff "$W/pp-$idx" "$W/dr-$idx" | head -n 4 | tr '\n' ' ')"
        fi
        # The protobuf form is scaled by the runtime with the true rate: the
        # same per site, up to the rounding of each sample.
        drip_rows "$T" $idx | grep '^main\.' >"$W/legacy-$idx"
        drip_rows "$P" $idx | grep '^main\.' >"$W/proto-$idx"
        bad=$(join "$W/legacy-$idx" "$W/proto-$idx" | awk '{ d = $2 - $3; if (d < 0) d = -d; if (d > 2 && d > $3 / 1000) print }')
        nl=$(wc -l <"$W/legacy-$idx") np=$(wc -l <"$W/proto-$idx")
        nj=$(join "$W/legacy-$idx" "$W/proto-$idx" | wc -l)
        if [ "$nl" -gt 0 ] && [ "$nl" = "$np" ] && [ "$nj" = "$nl" ] && [ -z "$bad" ]; then
            pass heap/rate-$v-legacy-matches-proto-$idx
        else
            fail heap/rate-$v-legacy-matches-proto-$idx "legacy: $(tr '\n' ' ' <"$W/legacy-$idx") proto: $(tr '\n' ' ' <"$W/proto-$idx")"
        fi
    done

    # The estimates against the pattern the program allocated. Sampling is
    # random: each site has about 30 to 260 samples, so +-45% is more than
    # 3.5 standard deviations; a doubled rate is +100%.
    "$W/heaprate" -pattern >"$W/pattern"
    while read -r fn n size kept; do
        for kind in alloc inuse; do
            want_n=$n want_b=$((n * size))
            [ "$kind" = inuse ] && [ "$kept" = 0 ] && continue
            got_n=$(awk -v f="$fn" '$1 == f { print $2 }' "$W/legacy-${kind}_objects")
            got_b=$(awk -v f="$fn" '$1 == f { print $2 }' "$W/legacy-${kind}_space")
            if [ -n "$got_n" ] && [ -n "$got_b" ] && near "$got_n" "$want_n" 0.45 && near "$got_b" "$want_b" 0.45; then
                pass "heap/rate-$v-estimates-$fn-$kind ($got_n objects, $got_b B; allocated $want_n, $want_b B)"
            else
                fail heap/rate-$v-estimates-$fn-$kind "drip: ${got_n:-none} objects, ${got_b:-none} B; allocated $want_n, $want_b B"
            fi
        done
    done <"$W/pattern"
}

ran=
for v in 1.19 $(newest_go | cut -d' ' -f1); do
    case " $ran " in *" $v "*) continue ;; esac
    ran="$ran $v"
    if go=$(go_of "$v"); then
        run_version "$v" "$go"
    else
        skip heap/rate-$v "no Go $v"
    fi
done
