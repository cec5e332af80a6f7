# t_check_baseline.sh - adopting drip on code with old findings: a baseline
# keyed by rule, file, function and statement (stable when lines move), and
# --new-from-rev, which keeps findings on lines changed since a revision
# (git diff) and in untracked files.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
mkdir -p "$R"
cd "$R" || exit 1
git init -q . && git config user.email t@example.com && git config user.name t
printf 'module bl\n\ngo 1.22\n' >go.mod
printf 'package bl\n\nfunc A() {\n\tvar ch chan int\n\t<-ch\n}\n\ntype T struct{}\n\nfunc (t *T) M() {\n\tvar ch chan int\n\t<-ch\n}\n' >a.go
git add -A && git commit -qm one
sites() { sed -n 's/^\([a-z.]*:[0-9]*\):.*(\([a-z-]*\))$/\1 \2/p' "$1" | tr '\n' ';'; }

"$DRIP" check --write-baseline base.txt ./... >"$TMP/w.out" 2>"$TMP/w.err"
rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/w.out" ] && [ "$(grep -vc '^#' base.txt)" = 2 ] && grep -q "^nil-channel	a.go	T.M	[0-9a-f]\{8\}	receive" base.txt &&
    pass baseline/write || fail baseline/write "exit $rc: $(cat "$TMP/w.err" base.txt)"
"$DRIP" check --baseline base.txt ./... >"$TMP/b0.out" 2>"$TMP/b0.err"
rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/b0.out" ] && grep -q '2 findings left out: in the baseline' "$TMP/b0.err" &&
    pass baseline/all-known || fail baseline/all-known "exit $rc: $(cat "$TMP/b0.out" "$TMP/b0.err")"

# lines move, a new finding arrives in a new function and a second one in
# an old function: only the two new ones are reported
printf 'package bl\n\n// A comment that moves everything down.\n\nfunc A() {\n\tvar ch chan int\n\t<-ch\n\t<-ch\n}\n\ntype T struct{}\n\nfunc (t *T) M() {\n\tvar ch chan int\n\t<-ch\n}\n\nfunc B() {\n\tvar ch chan int\n\t<-ch\n}\n' >a.go
"$DRIP" check --baseline base.txt ./... >"$TMP/b1.out" 2>/dev/null
rc=$?
got=$(sites "$TMP/b1.out")
[ $rc = 1 ] && [ "$got" = "a.go:8 nil-channel;a.go:20 nil-channel;" ] && pass baseline/stable-across-moves ||
    fail baseline/stable-across-moves "exit $rc: $got"
# without the baseline all four are there
[ "$("$DRIP" check ./... 2>/dev/null | grep -c '(nil-channel)$')" = 4 ] && pass baseline/four-without || fail baseline/four-without "$("$DRIP" check ./... 2>&1)"

# a broken baseline: exit 2 naming the file and line
printf '# drip baseline\nnot a baseline line\n' >bad.txt
"$DRIP" check --baseline bad.txt ./... >/dev/null 2>"$TMP/bad.err"
rc=$?
[ $rc = 2 ] && grep -q 'bad.txt:2: not a baseline line' "$TMP/bad.err" && pass baseline/bad-file || fail baseline/bad-file "exit $rc: $(cat "$TMP/bad.err")"

# --new-from-rev HEAD: the changed lines (8, 20) and an untracked file
printf 'package bl\n\nfunc C() {\n\tvar ch chan int\n\t<-ch\n}\n' >c.go
"$DRIP" check --new-from-rev HEAD ./... >"$TMP/r.out" 2>"$TMP/r.err"
rc=$?
got=$(sites "$TMP/r.out")
[ $rc = 1 ] && [ "$got" = "a.go:8 nil-channel;a.go:20 nil-channel;c.go:5 nil-channel;" ] &&
    grep -q '2 findings left out: not on lines changed since HEAD' "$TMP/r.err" && pass baseline/new-from-rev ||
    fail baseline/new-from-rev "exit $rc: $got $(cat "$TMP/r.err")"
# from a subdirectory too (paths relative to it, the diff to the repo's top)
mkdir -p sub && printf 'package sub\n\nfunc D() {\n\tvar ch chan int\n\t<-ch\n}\n' >sub/d.go && git add sub && git commit -qm sub
printf 'package sub\n\nfunc D() {\n\tvar ch chan int\n\t<-ch\n}\n\nfunc E() {\n\tvar ch chan int\n\t<-ch\n}\n' >sub/d.go
got=$(cd sub && "$DRIP" check --new-from-rev HEAD . 2>/dev/null | sed -n 's/^\([a-z.]*:[0-9]*\):.*/\1/p' | tr '\n' ';')
[ "$got" = "d.go:10;" ] && pass baseline/new-from-rev-subdir || fail baseline/new-from-rev-subdir "got $got"
"$DRIP" check --new-from-rev no-such-rev ./... >/dev/null 2>"$TMP/nr.err"
rc=$?
[ $rc = 2 ] && grep -q "unknown revision 'no-such-rev'" "$TMP/nr.err" && pass baseline/bad-rev || fail baseline/bad-rev "exit $rc: $(cat "$TMP/nr.err")"
