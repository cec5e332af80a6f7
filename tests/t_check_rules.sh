# t_check_rules.sh - analysistest-style harness: for every rule,
# testdata/src/RULE/*.go mark each expected diagnostic with
# `// want "regexp"` on its line; the check fails on every missing and every
# unexpected diagnostic. Each rule must have at least 8 leaky cases (functions
# named leak*) and 8 clean look-alikes (functions named clean*), and its
# files must build with the go tool (they are real Go).
. "$(dirname "$0")/lib.sh"

for dir in "$ROOT"/testdata/src/*/; do
    rule=$(basename "$dir")
    name="check-rules/$rule"
    files=$(ls "$dir"*.go 2>/dev/null)
    if [ -z "$files" ]; then
        fail "$name" "no Go files in $dir"
        continue
    fi
    # The cases are real Go: they must compile, with the go on PATH and
    # with the newest toolchain (files for newer Go carry //go:build go1.N).
    if command -v go >/dev/null 2>&1; then
        if ! out=$(cd "$dir" && GO111MODULE=off GOCACHE="$TMP/gocache" go build -o /dev/null . 2>&1); then
            fail "$name/builds" "$(echo "$out" | head -n 3)"
        else
            pass "$name/builds"
        fi
    fi
    if newest=$(newest_go); then
        set -- $newest
        if ! out=$(cd "$dir" && GO111MODULE=off GOCACHE="$TMP/gocache" "$2/bin/go" build -o /dev/null . 2>&1); then
            fail "$name/builds-go$1" "$(echo "$out" | head -n 3)"
        else
            pass "$name/builds-go$1"
        fi
    fi
    extra=""
    [ -f "$dir/flags" ] && extra=$(cat "$dir/flags")
    # shellcheck disable=SC2086
    (cd "$dir" && "$DRIP" check --enable "$rule" $extra .) >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        fail "$name" "drip check exited $rc: $(head -n 3 "$TMP/err")"
        continue
    fi
    # shellcheck disable=SC2086
    result=$(awk -v rule="$rule" '
        FNR == 1 { fileidx++ }
        fileidx == 1 {
            # diagnostics: path:line:col: message (rule)
            if (match($0, /^[^:]+:[0-9]+:[0-9]+: /)) {
                head = substr($0, 1, RLENGTH - 2)
                msg = substr($0, RLENGTH + 1)
                split(head, parts, ":")
                key = parts[1] ":" parts[2]
                nd[key]++
                diag[key, nd[key]] = msg
                ndiag++
            }
            next
        }
        {
            file = FILENAME
            sub(/.*\//, "", file)
            if ($0 ~ /^func (\([^)]*\) )?clean/) nclean++
            if ($0 ~ /^func (\([^)]*\) )?leak/) nleak++
            i = index($0, "// want ")
            if (!i) next
            rest = substr($0, i + 8)
            key = file ":" FNR
            nwant_lines++
            while (match(rest, /"([^"\\]|\\.)*"|`[^`]*`/)) {
                raw = substr(rest, RSTART + 1, RLENGTH - 2)
                quoted = substr(rest, RSTART, 1) == "\""
                rest = substr(rest, RSTART + RLENGTH)
                # Go string unquoting (\\ and \"), then the Perl classes
                # awk lacks.
                re = ""
                for (c = 1; c <= length(raw); c++) {
                    ch = substr(raw, c, 1)
                    if (quoted && ch == "\\" && c < length(raw)) {
                        nx = substr(raw, c + 1, 1)
                        if (nx == "\\" || nx == "\"") { re = re nx; c++; continue }
                    }
                    re = re ch
                }
                gsub(/\\d/, "[0-9]", re)
                gsub(/\\s/, "[ \t]", re)
                gsub(/\\w/, "[A-Za-z0-9_]", re)
                found = 0
                for (k = 1; k <= nd[key]; k++) {
                    if (!used[key, k] && diag[key, k] ~ re) { used[key, k] = 1; found = 1; break }
                }
                nwant++
                if (!found) { print "MISSING " key ": no diagnostic matching \"" re "\""; bad++ }
            }
        }
        END {
            for (d in nd) for (k = 1; k <= nd[d]; k++)
                if (!used[d, k]) { print "UNEXPECTED " d ": " diag[d, k]; bad++ }
            printf "COUNTS %d %d %d %d %d\n", ndiag, nwant, nwant_lines, nleak, nclean
            exit bad ? 1 : 0
        }' "$TMP/out" $(cd "$dir" && ls *.go | sed "s|^|$dir|"))
    ok=$?
    counts=$(echo "$result" | grep '^COUNTS' | cut -d' ' -f2-)
    set -- $counts
    echo "$rule: $1 diagnostics, $2 wants on $3 lines, $4 leak* and $5 clean* functions"
    if [ "$ok" -ne 0 ]; then
        fail "$name" "$(echo "$result" | grep -v '^COUNTS' | head -n 20)"
    else
        pass "$name"
    fi
    if [ "${4:-0}" -ge 8 ] && [ "${5:-0}" -ge 8 ]; then
        pass "$name/case-counts"
    else
        fail "$name/case-counts" "want at least 8 leak* and 8 clean* functions, have ${4:-0} and ${5:-0}"
    fi
done
