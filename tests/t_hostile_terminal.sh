# t_hostile_terminal.sh - control bytes, ESC sequences and invalid UTF-8 in
# dumps, profiles, snapshot directories, source files and paths reach no
# text output raw: each is shown as \xNN (issue 14, point 3).
. "$(dirname "$0")/lib.sh"
HD=$ROOT/testdata/hostile
ESC=$(printf '\033')
# raw NAME FILE: FAIL when FILE holds a C0 byte other than tab/newline, DEL,
# a C1 control (raw or UTF-8 encoded) or invalid UTF-8.
raw() {
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2"; then
        fail "$1" "raw control bytes: $(LC_ALL=C grep -n "$(printf '[\001-\010\013-\037\177]')" "$2" | head -n 2 | cat -v)"
    elif LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2"; then
        fail "$1" "raw C1 control: $(LC_ALL=C grep -n "$(printf '\302[\200-\237]')" "$2" | head -n 2 | cat -v)"
    elif ! iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then
        fail "$1" "invalid UTF-8 in the output: $(LC_ALL=C grep -n "$(printf '[\200-\377]')" "$2" | head -n 2 | cat -v)"
    else
        pass "$1"
    fi
}
# has NAME FILE TEXT: PASS when FILE holds TEXT literally.
has() { if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "no '$3' in: $(head -c 600 "$2" | cat -v)"; fi; }

# A debug=2 dump whose function names and paths carry a screen clear, a
# window title (OSC ... BEL), colours, a carriage return, a C1 CSI and
# bytes that are not UTF-8.
BAD_FN=$(printf 'main.\033[2J\033]0;pwned\007\033[31mRED\302\233K\377x')
BAD_FILE=$(printf '/tmp/\033[1;31mevil\033[0m\r\033[Kfake.go')
for id in 1 2 3; do
    printf 'goroutine %d [chan send, 5 minutes]:\n%s(...)\n\t%s:12 +0x25\ncreated by %s in goroutine 9\n\t%s:11 +0x6a\n\n' \
        $id "$BAD_FN" "$BAD_FILE" "$BAD_FN" "$BAD_FILE"
done >"$TMP/dump.txt"
"$DRIP" goroutines --no-source "$TMP/dump.txt" >"$TMP/g.txt" 2>&1
raw term/goroutines "$TMP/g.txt"
has term/goroutines-escaped "$TMP/g.txt" 'main.\x1b[2J\x1b]0;pwned\x07\x1b[31mRED\xc2\x9bK\xffx'
has term/goroutines-path-escaped "$TMP/g.txt" '/tmp/\x1b[1;31mevil\x1b[0m\x0d\x1b[Kfake.go:12'
"$DRIP" goroutines -v --no-source "$TMP/dump.txt" >"$TMP/gv.txt" 2>&1
raw term/goroutines-verbose "$TMP/gv.txt"
cp "$TMP/dump.txt" "$TMP/dump2.txt"
"$DRIP" goroutines --base "$TMP/dump.txt" "$TMP/dump2.txt" >"$TMP/gd.txt" 2>&1
raw term/goroutines-diff "$TMP/gd.txt"

# The same through a heap profile (protobuf) and a goroutine profile.
"$DRIP" heap "$HD/inject_heap.pb.gz" >"$TMP/h.txt" 2>&1
raw term/heap "$TMP/h.txt"
has term/heap-escaped "$TMP/h.txt" 'main.\x1b[2J\x1b]0;pwned\x07\x1b[31mRED /tmp/\x1b[1;31mevil\x1b[0m\x0d\x1b[Kfake.go:13'
# Valid UTF-8 beyond ASCII stays as it is.
printf 'heap profile: 1: 4096 [1: 4096] @ heap/1\n1: 4096 [1: 4096] @ 0x1\n#\t0x1\tmain.größe\342\202\254+0x1\t/app/ü.go:7\n' >"$TMP/utf8.txt"
"$DRIP" heap "$TMP/utf8.txt" >"$TMP/u.txt" 2>&1
has term/utf8-kept "$TMP/u.txt" 'main.größe€ /app/ü.go:7'

# drip report: names from profiles, the URL and the directory name, on the
# terminal and in verdict.txt.
D=$TMP/$(printf 'w\033[2Jdir')
mkdir -p "$D"
{
    printf '# drip watch index v1\n# url\thttp://127.0.0.1:1/\033]0;title\007\n'
    i=1
    while [ $i -le 12 ]; do
        n=$((i * 40))
        f=$(printf '%06d-heap.pb.gz' $i)
        {
            printf 'heap profile: %d: %d [%d: %d] @ heap/1\n' $n $((n * 65536)) $n $((n * 65536))
            printf '%d: %d [%d: %d] @ 0x1\n' $n $((n * 65536)) $n $((n * 65536))
            printf '#\t0x1\t%s+0x1\t%s:7\n' "$BAD_FN" "$BAD_FILE"
        } | gzip >"$D/$f"
        printf '%d\t%d.000\theap\t%s\t\n' $i $((1700000000 + i)) "$f"
        i=$((i + 1))
    done
    printf '13\t1700000013.000\tgap\t-\tread \033[2Jfailed\n'
} >"$D/index.tsv"
"$DRIP" report "$D" >"$TMP/r.txt" 2>&1
raw term/report "$TMP/r.txt"
has term/report-escaped "$TMP/r.txt" 'heap leak: memory in use allocated by main.\x1b[2J'
has term/report-url-escaped "$TMP/r.txt" 'http://127.0.0.1:1/\x1b]0;title\x07'
raw term/verdict-txt "$D/verdict.txt"
has term/verdict-txt-escaped "$D/verdict.txt" '/tmp/\x1b[1;31mevil\x1b[0m\x0d\x1b[Kfake.go:7'
# JSON keeps the text itself (escaped as JSON, not as \x).
grep -qF '\u001b[2J' "$D/verdict.json" && pass term/json-keeps-text || fail term/json-keeps-text "$(head -c 300 "$D/verdict.json")"

# drip check: a package directory and a string literal carrying ESC.
P=$TMP/$(printf 'm\033]0;x\007od')
mkdir -p "$P"
printf 'module example.com/m\n\ngo 1.21\n' >"$P/go.mod"
printf 'package m\n\nimport "os"\n\nfunc f(names []string) {\n\tfor _, n := range names {\n\t\tf, _ := os.Open(n + "\033[2J")\n\t\tdefer f.Close()\n\t}\n}\n' >"$P/a.go"
(cd "$P" && "$DRIP" check --context 1 ./... >"$TMP/c.txt" 2>&1)
(cd "$TMP" && "$DRIP" check "$P/..." >"$TMP/c2.txt" 2>&1)
grep -q 'defer' "$TMP/c.txt" && pass term/check-fires || fail term/check-fires "$(cat -v "$TMP/c.txt")"
raw term/check-excerpt "$TMP/c.txt"
has term/check-excerpt-escaped "$TMP/c.txt" 'os.Open(n + "\x1b[2J")'
raw term/check-path "$TMP/c2.txt"
has term/check-path-escaped "$TMP/c2.txt" 'm\x1b]0;x\x07od/a.go:8'

# Error messages name the file as escaped text.
"$DRIP" heap "$TMP/$(printf 'no\033[2Jsuch')" >/dev/null 2>"$TMP/e.txt"
raw term/error-message "$TMP/e.txt"
has term/error-message-escaped "$TMP/e.txt" 'no\x1b[2Jsuch'
"$DRIP" parse "$TMP/$(printf 'x\033[2J').go" >"$TMP/p.txt" 2>&1
raw term/parse-message "$TMP/p.txt"
# Colour still comes from drip when asked for: NO_COLOR unset, not a TTY
# here, so the plain output holds no ESC at all.
if grep -q "$ESC" "$TMP/g.txt" "$TMP/h.txt" "$TMP/r.txt"; then fail term/no-colour-on-pipe "ESC in piped output"; else pass term/no-colour-on-pipe; fi
# The dump reader quotes a bad line in its message.
printf 'goroutine 1 [running]:\nmain.f()\n\tgarbage\033]0;x\007\n' >"$TMP/bad.txt"
"$DRIP" goroutines "$TMP/bad.txt" >/dev/null 2>"$TMP/be.txt"
raw term/dump-error-line "$TMP/be.txt"
has term/dump-error-line-escaped "$TMP/be.txt" "bad position 'garbage\\x1b]0;x\\x07'"
