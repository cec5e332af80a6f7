#!/bin/sh
# triage.sh [--update] [--counts] - drip check's findings on real code,
# against the triage file tests/triage/findings.tsv.
#
# The corpora are Go's standard library (1.19 and 1.27), grpc, etcd and
# docker as Debian ships them (see corpus_root below; a corpus whose tree
# is missing is skipped with a note). drip runs on each tree at the default
# confidence and writes its findings as a baseline (src/cli/check_filter.c):
# rule, file relative to the tree root, function, hash of the statement.
# A line of the triage file is
#
#     corpus  rule  file  function  hash  VERDICT  reason  message
#
# separated by tabs, VERDICT one of TRUE (a leak worth fixing), NOISE
# (technically right, nobody would change it), FALSE (wrong) or UNTRIAGED
# (new, to be read and marked). Equal keys count: two identical findings in
# one function need two lines.
#
# Without flags it compares, prints every finding not in the file (NEW),
# every entry no finding matches any more (STALE: a warning, since a rule
# change that removes a finding is not a failure of the triage), the
# UNTRIAGED entries, and the shares: TRUE among the findings outside
# _test.go files, FALSE among all. Exit status 1 when a finding is not in
# the file or an entry is UNTRIAGED.
#
# --update appends the NEW findings as UNTRIAGED (reason "-") and drops the
# STALE entries; mark the new ones by hand, then run it again without flags.
# --counts prints "rule findings true noise false" per rule from the file
# (scripts/triage_counts.sh turns that into drip explain's numbers).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
DRIP=${DRIP:-$here/drip}
case "$DRIP" in /*) ;; */*) DRIP=$(pwd)/$DRIP ;; esac
TSV=${TRIAGE_TSV:-$here/tests/triage/findings.tsv}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/drip-triage.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
mode=check
case "${1:-}" in
--update) mode=update ;;
--counts) mode=counts ;;
"") ;;
*) echo "usage: triage.sh [--update | --counts]" >&2; exit 2 ;;
esac

if [ "$mode" = counts ]; then
    awk -F'\t' '!/^#/ && NF >= 6 {
            n[$2]++
            if ($6 == "TRUE") t[$2]++
            else if ($6 == "NOISE") o[$2]++
            else if ($6 == "FALSE") f[$2]++
        }
        END { for (r in n) printf "%s %d %d %d %d\n", r, n[r], t[r], o[r], f[r] }' "$TSV" | sort
    exit 0
fi

cache=${DRIP_GO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/drip}
corpus_root() {
    case "$1" in
    go1.19) for d in /usr/lib/go-1.19/src "$cache/go1.19/root/usr/lib/go-1.19/src"; do
                [ -d "$d" ] && { echo "$d"; return 0; }
            done ;;
    go1.27) d=$cache/go1.27/root/usr/lib/go-1.27/src; [ -d "$d" ] && { echo "$d"; return 0; } ;;
    grpc) d=/usr/share/gocode/src/google.golang.org/grpc; [ -d "$d" ] && { echo "$d"; return 0; } ;;
    etcd) d=/usr/share/gocode/src/go.etcd.io; [ -d "$d" ] && { echo "$d"; return 0; } ;;
    docker) d=/usr/share/gocode/src/github.com/docker; [ -d "$d" ] && { echo "$d"; return 0; } ;;
    esac
    return 1
}

: >"$TMPD/found"
: >"$TMPD/ran"
for c in ${TRIAGE_CORPORA:-go1.19 go1.27 grpc etcd docker}; do
    if ! root=$(corpus_root "$c"); then
        echo "note: corpus $c is not on this machine; skipped"
        continue
    fi
    if ! (cd "$root" && "$DRIP" check --write-baseline "$TMPD/$c.base" ./...) >/dev/null 2>"$TMPD/err"; then
        echo "error: drip check failed on $c ($root):" >&2
        head -n 5 "$TMPD/err" >&2
        exit 2
    fi
    echo "$c" >>"$TMPD/ran"
    awk -F'\t' -v c="$c" '!/^#/ && NF >= 5 { print c "\t" $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 }' \
        "$TMPD/$c.base" >>"$TMPD/found"
done
[ -f "$TSV" ] || : >"$TSV"

# Match findings to entries, key by key, counting equal keys.
awk -F'\t' -v mode="$mode" -v out="$TMPD/new_tsv" '
    FNR == 1 { fileidx++ }
    fileidx == 1 { ran[$1] = 1; next }
    fileidx == 2 {
        if (/^#/ || NF < 6) { hdr[++nh] = $0; next }
        ne++
        ekey[ne] = $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5
        eline[ne] = $0
        everd[ne] = $6
        ecorpus[ne] = $1
        efile[ne] = $3
        free[ekey[ne], ++nfree[ekey[ne]]] = ne
        next
    }
    {
        k = $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5
        if (used[k] < nfree[k]) {
            e = free[k, ++used[k]]
            matched[e] = 1
            nf++
            v = everd[e]
            if (v == "UNTRIAGED") { untr++; print "UNTRIAGED " k }
            if ($3 !~ /_test\.go$/) { nout++; if (v == "TRUE") tout++ }
            if (v == "FALSE") fall++
            if (v == "NOISE") noise++
            if (v == "TRUE") tall++
        } else {
            nf++; nnew++
            newl[nnew] = k "\tUNTRIAGED\t-\t" $6
            print "NEW " k "\t" $6
            if ($3 !~ /_test\.go$/) nout++
        }
    }
    END {
        for (e = 1; e <= ne; e++)
            if (!matched[e] && (ecorpus[e] in ran)) { print "STALE " eline[e]; nstale++ }
        printf "findings %d: %d TRUE, %d NOISE, %d FALSE, %d not triaged; %d stale entries\n",
            nf, tall, noise, fall, untr + nnew, nstale
        if (nout) printf "TRUE outside _test.go: %d of %d (%.0f%%)\n", tout, nout, 100 * tout / nout
        else printf "TRUE outside _test.go: no findings\n"
        if (nf) printf "FALSE overall: %d of %d (%.1f%%)\n", fall, nf, 100 * fall / nf
        if (mode == "update") {
            for (i = 1; i <= nh; i++) print hdr[i] > out
            for (e = 1; e <= ne; e++)
                if (matched[e] || !(ecorpus[e] in ran)) print eline[e] > out
            for (i = 1; i <= nnew; i++) print newl[i] > out
            close(out)
        }
        exit (nnew || untr) ? 1 : 0
    }' "$TMPD/ran" "$TSV" "$TMPD/found"
rc=$?
if [ "$mode" = update ]; then
    [ -f "$TMPD/new_tsv" ] && cp "$TMPD/new_tsv" "$TSV"
    echo "updated $TSV"
fi
exit $rc
