#!/bin/sh
# expect.sh SOURCE REPORT [nocategory] [proven] - checks a drip goroutines
# text report against the "// want CATEGORY COUNT" markers of a Go source
# file: each marked line must be reported as a suspect, file:line exact,
# with that many goroutines and that leak category, and no other line of
# SOURCE may be. "nocategory" checks place and count only; "proven" is for
# goroutine leak profiles at debug=1 and 0, which hold only what Go's
# detector proved: a marked line may be missing, the ones shown must match
# (a lock cycle shown in part may read as a lock never released).
# "cause" checks the "why [KIND]: ..." line of each marked site as well,
# against the marker's "cause:KIND@L1,L2" tail: that kind, and each line Li
# of SOURCE named as FILE:Li in the text (the partner, holder, or the lock
# sites of a cycle): "// want abandoned-channel 9 cause:partner@24".
# Prints one line per problem; exits 1 if there was any.
src=$1
report=$2
shift 2
nocategory=
proven=
cause=
for m in "$@"; do
    case $m in
    nocategory) nocategory=1 ;;
    proven) proven=1 ;;
    cause) cause=1 ;;
    esac
done
# suspects as "file:line count category" from lines like
# /x/main.go:19: 9 goroutines blocked on mutex
#     leak: mutex never unlocked [mutex-not-unlocked]
got=$(awk '
    /^[^ ].*: [0-9]+ goroutines? blocked on / { if (site != "") print site, count, cat; site = $1; sub(/:$/, "", site); count = $2; cat = "-"; next }
    /^    leak: / { n = split($0, w, "["); c = w[n]; sub(/\].*/, "", c); cat = c }
    END { if (site != "") print site, count, cat }' "$report")
file=$(basename "$src")
# "site<TAB>kind<TAB>text" of each suspect's why line
whys=$(awk '
    /^[^ ].*: [0-9]+ goroutines? blocked on / { site = $1; sub(/:$/, "", site); next }
    /^    why \[/ { k = $0; sub(/^    why \[/, "", k); t = k; sub(/\].*/, "", k); sub(/^[^\]]*\]: /, "", t); print site "\t" k "\t" t }' "$report")
# the site of got's line is "file:line" at the end of a path
at() { awk -v f="$1" '{ n = length(f); if (substr($1, length($1) - n + 1) == f && (length($1) == n || substr($1, length($1) - n, 1) == "/")) print }'; }
# cycle_whole: every line marked lock-order is among the suspects
cycle_whole() {
    for l in $(grep -n '// want lock-order ' "$src" | cut -d: -f1); do
        [ -n "$(echo "$got" | at "$file:$l")" ] || return 1
    done
    return 0
}
{
    grep -n '// want ' "$src" | while IFS= read -r hit; do
        line=${hit%%:*}
        want=${hit#*// want }
        wcause=
        case $want in *" cause:"*) wcause=${want##* cause:} want=${want%% cause:*} ;; esac
        cat=${want% *}
        count=${want##* }
        match=$(echo "$got" | at "$file:$line")
        if [ -z "$match" ]; then
            [ -n "$proven" ] || echo "no suspect at $file:$line (want $cat x$count); got: $(echo "$got" | tr '\n' ';')"
            continue
        fi
        gcount=$(echo "$match" | awk '{print $2}')
        gcat=$(echo "$match" | awk '{print $3}')
        [ "$gcount" = "$count" ] || echo "$file:$line: count $gcount, want $count"
        # a leak profile may hold one side of a lock cycle only (Go proves
        # the goroutines it can): then the cycle is not in the dump, and
        # the lock reads as one nobody releases
        if [ -n "$proven" ] && [ "$cat" = lock-order ] && [ "$gcat" = mutex-not-unlocked ] && ! cycle_whole; then
            continue
        fi
        [ -n "$nocategory" ] || [ "$gcat" = "$cat" ] || echo "$file:$line: category $gcat, want $cat"
        if [ -n "$cause" ] && [ -n "$wcause" ]; then
            why=$(echo "$whys" | awk -F '\t' -v f="$file:$line" '{ n = length(f); if (substr($1, length($1) - n + 1) == f) { print $2 "\t" $3; exit } }')
            wkind=${wcause%%@*}
            gkind=$(printf '%s' "$why" | cut -f1)
            gtext=$(printf '%s' "$why" | cut -f2-)
            if [ "$gkind" != "$wkind" ]; then
                echo "$file:$line: cause ${gkind:-none}, want $wkind: $gtext"
            elif [ "$wcause" != "$wkind" ]; then
                for l in $(echo "${wcause#*@}" | tr ',' ' '); do
                    case $gtext in *"$file:$l"[!0-9]* | *"$file:$l") ;; *) echo "$file:$line: cause names no $file:$l: $gtext" ;; esac
                done
            fi
        fi
    done
    # a suspect on a line of SOURCE without a marker
    echo "$got" | while read -r site count cat; do
        [ -n "$site" ] || continue
        line=${site##*:}
        case $site in */"$file":* | "$file":*) ;; *) continue ;; esac
        sed -n "${line}p" "$src" | grep -q '// want ' || echo "unexpected suspect at $file:$line ($cat x$count)"
    done
} | tee "$report.problems"
[ -s "$report.problems" ] && exit 1
exit 0
