#!/bin/sh
# expect.sh SOURCE REPORT [nocategory] - checks a drip goroutines text
# report against the "// want CATEGORY COUNT" markers of a Go source file:
# each marked line must be reported as a suspect, file:line exact, with that
# many goroutines and that leak category ("nocategory" checks place and
# count only). Prints one line per problem; exits 1 if there was any.
src=$1
report=$2
mode=${3:-}
# suspects as "file:line count category" from lines like
# /x/main.go:19: 9 goroutines blocked on mutex
#     leak: mutex never unlocked [mutex-not-unlocked]
got=$(awk '
    /^[^ ].*: [0-9]+ goroutines? blocked on / { if (site != "") print site, count, cat; site = $1; sub(/:$/, "", site); count = $2; cat = "-"; next }
    /^    leak: / { n = split($0, w, "["); c = w[n]; sub(/\].*/, "", c); cat = c }
    END { if (site != "") print site, count, cat }' "$report")
status=0
grep -n '// want ' "$src" | while IFS= read -r hit; do
    line=${hit%%:*}
    want=${hit#*// want }
    cat=${want% *}
    count=${want##* }
    file=$(basename "$src")
    match=$(echo "$got" | awk -v f="$file:$line" '{ n = length(f); if (substr($1, length($1) - n + 1) == f && (length($1) == n || substr($1, length($1) - n, 1) == "/")) print }')
    if [ -z "$match" ]; then
        echo "no suspect at $file:$line (want $cat x$count); got: $(echo "$got" | tr '\n' ';')"
        continue
    fi
    gcount=$(echo "$match" | awk '{print $2}')
    gcat=$(echo "$match" | awk '{print $3}')
    [ "$gcount" = "$count" ] || echo "$file:$line: count $gcount, want $count"
    [ "$mode" = nocategory ] || [ "$gcat" = "$cat" ] || echo "$file:$line: category $gcat, want $cat"
done | tee "$report.problems"
[ -s "$report.problems" ] && status=1
exit $status
