# t_install.sh - drip builds where Debian's package tools are missing (the
# headers are there), and `make install DESTDIR=...` installs a binary that
# runs, manual pages that man renders, and completions that complete.
. "$(dirname "$0")/lib.sh"

# a copy of the tree, built with dpkg and apt hidden from PATH
tree=$TMP/tree
mkdir -p "$tree"
(cd "$ROOT" && cp -R Makefile README.md src scripts docs "$tree/")
nodeb=$TMP/nodeb
mkdir -p "$nodeb"
for d in /usr/local/bin /usr/bin /bin /usr/sbin /sbin; do
    for f in "$d"/*; do
        n=${f##*/}
        case $n in dpkg* | apt*) continue ;; esac
        [ -e "$nodeb/$n" ] || ln -s "$f" "$nodeb/$n"
    done
done
if PATH=$nodeb command -v dpkg-query >/dev/null 2>&1 || PATH=$nodeb command -v apt-get >/dev/null 2>&1; then
    fail install/hide-dpkg "dpkg or apt-get still found"
fi
if (cd "$tree" && PATH=$nodeb make -j2 drip) >"$TMP/build.log" 2>&1 && [ -x "$tree/drip" ]; then
    pass install/build-without-dpkg
else
    fail install/build-without-dpkg "$(tail -n 5 "$TMP/build.log")"
    exit 0
fi
grep -q 'missing Debian packages' "$TMP/build.log" && fail install/no-debian-complaint "$(grep -m1 Debian "$TMP/build.log")" ||
    pass install/no-debian-complaint
# without the headers it names what is missing instead
mkdir -p "$TMP/nocc"
ln -s /bin/false "$TMP/nocc/cc"
if (cd "$tree" && PATH=$TMP/nocc:$nodeb CC=$TMP/nocc/cc sh scripts/deps.sh build) >"$TMP/deps.log" 2>&1; then
    fail install/names-missing-headers "deps.sh passed with a compiler that fails"
else
    grep -q "zlib's, libcurl's and libyaml's headers" "$TMP/deps.log" && pass install/names-missing-headers ||
        fail install/names-missing-headers "$(cat "$TMP/deps.log")"
fi

dest=$TMP/dest
if (cd "$tree" && PATH=$nodeb make install DESTDIR="$dest" PREFIX=/usr) >"$TMP/install.log" 2>&1; then
    pass install/make-install
else
    fail install/make-install "$(tail -n 5 "$TMP/install.log")"
    exit 0
fi
"$dest/usr/bin/drip" --version | grep -q '^drip [0-9.]* (commit ' && pass install/binary-runs ||
    fail install/binary-runs "$("$dest/usr/bin/drip" --version 2>&1)"

# every page renders with man, without a warning, with its NAME section
man1=$dest/usr/share/man/man1
n=0
for page in drip drip-check drip-goroutines drip-heap drip-watch drip-parse; do
    f=$man1/$page.1
    if [ ! -f "$f" ]; then fail "install/man-$page" "not installed"; continue; fi
    MANWIDTH=80 MAN_KEEP_STDERR=1 man --warnings -l "$f" >"$TMP/$page.txt" 2>"$TMP/$page.err"
    if [ -s "$TMP/$page.err" ] || ! grep -q "^NAME" "$TMP/$page.txt" || ! grep -Eq "^ *$page +- " "$TMP/$page.txt"; then
        fail "install/man-$page" "$(head -n 3 "$TMP/$page.err") $(head -n 5 "$TMP/$page.txt")"
    else
        n=$((n + 1))
    fi
done
[ $n = 6 ] && pass install/man-pages-render
# drip-report(1) is drip-watch(1)'s page
MANWIDTH=80 man -M "$dest/usr/share/man" drip-report 2>&1 | grep -Eq 'drip-watch +- ' && pass install/man-report ||
    fail install/man-report "$(MANWIDTH=80 man -M "$dest/usr/share/man" drip-report 2>&1 | head -n 3)"
# the check page has the flags' text of docs/check.md
grep -Eq 'Build +constraints +are +evaluated' "$TMP/drip-check.txt" && pass install/man-check-content ||
    fail install/man-check-content "docs/check.md text missing"

# bash: complete a command and a flag
comp=$dest/usr/share/bash-completion/completions/drip
got=$(bash -c ". '$comp'; COMP_WORDS=(drip gor); COMP_CWORD=1; _drip; echo \${COMPREPLY[*]}")
[ "$got" = goroutines ] && pass install/bash-command || fail install/bash-command "got '$got'"
got=$(bash -c ". '$comp'; COMP_WORDS=(drip goroutines --by); COMP_CWORD=2; _drip; echo \${COMPREPLY[*]}")
[ "$got" = --by-label ] && pass install/bash-flag || fail install/bash-flag "got '$got'"
# zsh: the file parses; fish: it completes
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$dest/usr/share/zsh/site-functions/_drip" 2>"$TMP/zsh.err" && pass install/zsh-parses ||
        fail install/zsh-parses "$(head -n 3 "$TMP/zsh.err")"
else
    skip install/zsh-parses "no zsh"
fi
if command -v fish >/dev/null 2>&1; then
    got=$(HOME=$TMP fish --no-config -c "source '$dest/usr/share/fish/vendor_completions.d/drip.fish'; complete -C 'drip heap --sample'" 2>&1 | cut -f1)
    [ "$got" = --sample-index ] && pass install/fish-flag || fail install/fish-flag "got '$got'"
else
    skip install/fish-flag "no fish"
fi
