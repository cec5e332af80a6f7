#!/bin/sh
# man.sh OUTDIR - writes drip's manual pages, made from the Markdown in
# README.md and docs/, into OUTDIR: drip.1 from the README and drip-CMD.1
# from docs/CMD.md for each command that has its own page (drip-report.1
# points at drip-watch.1, which covers both). The pages use the plain man
# macros, so `man -l` and groff render them.
set -eu
cd "$(dirname "$0")/.."
out=$1
mkdir -p "$out"
version=$(sed -n 's/^#define DRIP_VERSION "\(.*\)"/\1/p' src/cli/main.c)
date=$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)

# md2man NAME SECTION-TITLE FILE: Markdown (headings, paragraphs, lists,
# tables, indented or fenced code) to man(7).
md2man() {
    awk -v name="$1" -v title="$2" -v version="$version" -v date="$date" '
    function esc(s) {
        gsub(/\\/, "\\e", s)
        return s
    }
    function inline(s,   out, i, c, code) {
        s = esc(s)
        # links: keep the text
        while (match(s, /\[[^]]*\]\([^)]*\)/)) {
            t = substr(s, RSTART + 1, RLENGTH)
            sub(/\]\(.*/, "", t)
            s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
        }
        while (match(s, /\*\*[^*]+\*\*/))
            s = substr(s, 1, RSTART - 1) "\\fB" substr(s, RSTART + 2, RLENGTH - 4) "\\fR" substr(s, RSTART + RLENGTH)
        while (match(s, /`[^`]+`/))
            s = substr(s, 1, RSTART - 1) "\\fB" substr(s, RSTART + 1, RLENGTH - 2) "\\fR" substr(s, RSTART + RLENGTH)
        return s
    }
    function line_out(s) {
        if (s ~ /^[.\047]/)
            s = "\\&" s
        print s
    }
    function end_code() { if (incode) { print ".fi"; print ".RE"; incode = 0 } }
    BEGIN {
        printf ".TH %s 1 \"%s\" \"drip %s\" \"drip manual\"\n", toupper(name), date, version
        print ".SH NAME"
        printf "%s \\- %s\n", name, title
        print ".SH DESCRIPTION"
    }
    /^```/ {
        if (fenced) { end_code(); fenced = 0 } else { end_code(); print ".sp"; print ".RS 4"; print ".nf"; incode = 1; fenced = 1 }
        next
    }
    fenced { line_out(esc($0)); next }
    /^    / && (incode || prev_blank) && !inlist {
        if (!incode) { print ".sp"; print ".RS 4"; print ".nf"; incode = 1 }
        line_out(esc(substr($0, 5)))
        prev_blank = 0
        next
    }
    /^$/ {
        if (incode) { pending_blank = 1; prev_blank = 1; next }
        prev_blank = 1; inlist = 0; intable = 0
        next
    }
    {
        if (incode) { end_code(); pending_blank = 0 }
    }
    /^# / { prev_blank = 0; next }   # the page title: in .TH and NAME already
    /^## / { print ".SH " toupper(inline(substr($0, 4))); prev_blank = 0; next }
    /^### / { print ".SS " inline(substr($0, 5)); prev_blank = 0; next }
    /^\|/ {
        if ($0 ~ /^\|[ :|-]+\|$/) next   # the separator row
        row = $0
        sub(/^\| */, "", row); sub(/ *\|$/, "", row)
        n = split(row, cell, / *\| */)
        if (!intable) { print ".PP"; intable = 1 }
        print ".TP"
        line_out(inline(cell[1]))
        rest = ""
        for (i = 2; i <= n; i++) rest = rest (i > 2 ? "; " : "") cell[i]
        line_out(inline(rest))
        prev_blank = 0
        next
    }
    /^ *[-*] / {
        item = $0
        sub(/^ *[-*] /, "", item)
        print ".IP \\(bu 2"
        line_out(inline(item))
        inlist = 1; prev_blank = 0
        next
    }
    /^ *[0-9]+\. / {
        item = $0
        num = item; sub(/\..*/, "", num); gsub(/ /, "", num)
        sub(/^ *[0-9]+\. /, "", item)
        print ".IP " num ". 4"
        line_out(inline(item))
        inlist = 1; prev_blank = 0
        next
    }
    {
        text = $0
        sub(/^ +/, "", text)
        if (prev_blank && !inlist) print ".PP"
        line_out(inline(text))
        prev_blank = 0
    }
    END { end_code() }
    ' "$3"
}

md2man drip "a fast Go leak finder" README.md >"$out/drip.1"
for doc in docs/*.md; do
    cmd=$(basename "$doc" .md)
    grep -q "^    {\"$cmd\", cmd_" src/cli/main.c || continue
    summary=$(sed -n "s/^    {\"$cmd\", cmd_[a-z_]*, \"\(.*\)\"},\$/\1/p" src/cli/main.c)
    md2man "drip-$cmd" "$summary" "$doc" >"$out/drip-$cmd.1"
done
# drip report shares the page of drip watch
if [ -f "$out/drip-watch.1" ] && [ ! -f "$out/drip-report.1" ]; then
    echo '.so man1/drip-watch.1' >"$out/drip-report.1"
fi
