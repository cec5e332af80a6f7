# t_check_triage.sh - drip check on real code against the triage file
# tests/triage/findings.tsv (scripts/triage.sh): fails on any finding not
# in the file and on UNTRIAGED entries (add new ones with
# `sh scripts/triage.sh --update`, then mark them), warns on stale entries,
# prints the shares (TRUE outside _test.go, FALSE overall), and checks that
# drip explain's counts (src/cli/triage_counts.h) match the file.
. "$(dirname "$0")/lib.sh"

have=0
for d in /usr/lib/go-1.19/src /usr/share/gocode/src/google.golang.org/grpc; do
    [ -d "$d" ] && have=1
done
if [ "$have" -eq 0 ]; then
    skip check-triage "none of the real-code corpora is on this machine"
else
    out=$(DRIP="$DRIP" sh "$ROOT/scripts/triage.sh" 2>&1)
    rc=$?
    echo "$out" | grep -E '^(findings|TRUE|FALSE|note)'
    echo "$out" | grep '^STALE' | sed 's/^/warning: /'
    if [ "$rc" -eq 0 ]; then
        pass check-triage/all-triaged
    else
        fail check-triage/all-triaged "$(echo "$out" | grep -E '^(NEW|UNTRIAGED|error)' | head -n 30)"
    fi
fi

sh "$ROOT/scripts/triage_counts.sh" "$TMP/counts.h"
if cmp -s "$TMP/counts.h" "$ROOT/src/cli/triage_counts.h"; then
    pass check-triage/explain-counts
else
    fail check-triage/explain-counts "src/cli/triage_counts.h is not what scripts/triage_counts.sh makes of the triage file: run it"
fi
