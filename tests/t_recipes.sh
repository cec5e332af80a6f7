# t_recipes.sh - the CI and editor recipes of docs/ci.md and docs/editor.md,
# taken from the docs (each fenced block after a "recipe:" marker) and run:
# on a git repository made here with a leaking Go file, the GitHub Actions
# workflow (run step by step as a runner would, drip built from a clone of
# this repository, SARIF checked), the GitLab CI job, drip's own
# .pre-commit-hooks.yaml under the real pre-commit, and the git pre-push
# hook must each fail, then pass once the leak is fixed. The editor
# formats are checked against drip's real output: the efm format through
# Vim's errorformat parser (the same string as nvim-lint's), and the VS
# Code problem matcher's regexp with Node.js, field by field against
# drip check -f json.
. "$(dirname "$0")/lib.sh"
R=$ROOT/tests/recipes.py
if ! python3 -c 'import yaml' 2>/dev/null; then
    skip recipes/all "python3 has no yaml module (apt-get install python3-yaml)"
    exit 0
fi
export GIT_AUTHOR_NAME=drip GIT_AUTHOR_EMAIL=drip@localhost GIT_COMMITTER_NAME=drip GIT_COMMITTER_EMAIL=drip@localhost
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP/home
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# drip's source as a recipe clones it: the committed tree of this one
SRC=$TMP/drip-src.git
git clone -q --bare "$ROOT" "$SRC" || { fail recipes/clone-drip "cannot clone $ROOT"; exit 0; }

# make_repo DIR: a module with a leaking goroutine, committed
make_repo() {
    mkdir -p "$1/store"
    printf 'module example.com/app\n\ngo 1.21\n' >"$1/go.mod"
    cat >"$1/store/store.go" <<'GO'
package store

// Save hands v to a goroutine; its send blocks forever when nobody reads.
func Save(v int) {
	ch := make(chan int)
	go func() { ch <- v }()
}
GO
    (cd "$1" && git init -q . && git add -A && git commit -qm "leaky store") >/dev/null
}
fix_repo() {
    sed -i 's/ch := make(chan int)$/ch := make(chan int, 1)/' "$1/store/store.go"
    (cd "$1" && git commit -qam "fix the leak")
}
# shims for what a runner has and the suite may not change: sudo, apt-get
mkdir -p "$TMP/shims"
printf '#!/bin/sh\nexec "$@"\n' >"$TMP/shims/sudo"
printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$TMP" >"$TMP/shims/apt-get"
chmod +x "$TMP/shims/sudo" "$TMP/shims/apt-get"

# 1. GitHub Actions
python3 "$R" extract "$ROOT/docs/ci.md" github-actions >"$TMP/drip.yml" || { fail recipes/github-extract "no recipe"; exit 0; }
make_repo "$TMP/gh"
TMPDIR_RUNNER=$TMP/gh-run PATH=$TMP/shims:$PATH python3 "$R" github "$TMP/drip.yml" "$TMP/gh" "$SRC" >"$TMP/gh1.log" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q "^recipes.py: step 'drip check' failed with status 1" "$TMP/gh1.log" &&
    grep -q "^recipes.py: upload-sarif: drip.sarif: 1 results" "$TMP/gh1.log" && pass recipes/github-fails-on-leak-and-uploads ||
    fail recipes/github-fails-on-leak-and-uploads "status $rc: $(grep -v '^cc ' "$TMP/gh1.log" | tail -n 8)"
grep -q "apt-get install -y gcc make zlib1g-dev libyaml-dev libcurl4-openssl-dev" "$TMP/apt.log" &&
    [ -x "$TMP/gh-run/runner/drip/drip" ] && pass recipes/github-builds-drip ||
    fail recipes/github-builds-drip "$(cat "$TMP/apt.log" 2>/dev/null)"
# the packages it installs exist in this Debian
missing=
for p in $(sed -n 's/^apt-get install -y //p' "$TMP/apt.log" | tr ' ' '\n' | sort -u); do
    apt-cache show "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && pass recipes/apt-packages-exist || fail recipes/apt-packages-exist "unknown:$missing"
fix_repo "$TMP/gh"
TMPDIR_RUNNER=$TMP/gh-run PATH=$TMP/shims:$PATH python3 "$R" github "$TMP/drip.yml" "$TMP/gh" "$SRC" >"$TMP/gh2.log" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "^recipes.py: upload-sarif: drip.sarif: 0 results" "$TMP/gh2.log" && pass recipes/github-passes-when-fixed ||
    fail recipes/github-passes-when-fixed "status $rc: $(grep -v '^cc ' "$TMP/gh2.log" | tail -n 8)"
# the drip the workflow built serves the rest of the test
BUILT=$TMP/gh-run/runner/drip/drip
[ -x "$BUILT" ] || BUILT=$DRIP

# 2. GitLab CI
python3 "$R" extract "$ROOT/docs/ci.md" gitlab-ci >"$TMP/gitlab-ci.yml" || { fail recipes/gitlab-extract "no recipe"; exit 0; }
make_repo "$TMP/gl"
# /tmp/drip is the job container's; here it is a folder of this test
sed -i "s|/tmp/drip|$TMP/gl-drip|g" "$TMP/gitlab-ci.yml"
PATH=$TMP/shims:$PATH python3 "$R" gitlab "$TMP/gitlab-ci.yml" "$TMP/gl" "$SRC" >"$TMP/gl1.log" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q "^store/store.go:6:14: goroutine may block forever sending on unbuffered channel 'ch'.* (abandoned-channel)$" "$TMP/gl1.log" &&
    grep -q "^recipes.py: artifact drip.sarif: 1 results" "$TMP/gl1.log" && pass recipes/gitlab-fails-on-leak ||
    fail recipes/gitlab-fails-on-leak "status $rc: $(grep -v '^cc ' "$TMP/gl1.log" | tail -n 8)"
fix_repo "$TMP/gl"
PATH=$TMP/shims:$PATH python3 "$R" gitlab "$TMP/gitlab-ci.yml" "$TMP/gl" "$SRC" >"$TMP/gl2.log" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "^recipes.py: artifact drip.sarif: 0 results" "$TMP/gl2.log" && pass recipes/gitlab-passes-when-fixed ||
    fail recipes/gitlab-passes-when-fixed "status $rc: $(grep -v '^cc ' "$TMP/gl2.log" | tail -n 8)"

# 3. pre-commit, with drip's own .pre-commit-hooks.yaml (try-repo takes the
# working tree of this repository, committed or not)
mkdir -p "$TMP/bin" && ln -sf "$BUILT" "$TMP/bin/drip"
if command -v pre-commit >/dev/null 2>&1; then
    make_repo "$TMP/pc"
    echo '// touched' >>"$TMP/pc/store/store.go"
    (cd "$TMP/pc" && git add store/store.go &&
        PRE_COMMIT_HOME=$TMP/pc-home PATH=$TMP/bin:$PATH pre-commit try-repo "$ROOT" drip-check) >"$TMP/pc1.log" 2>&1
    rc=$?
    [ "$rc" = 1 ] && grep -q "^drip check.*Failed" "$TMP/pc1.log" && grep -q "store/store.go:6:14: .*(abandoned-channel)" "$TMP/pc1.log" &&
        pass recipes/pre-commit-fails-on-leak || fail recipes/pre-commit-fails-on-leak "status $rc: $(tail -n 8 "$TMP/pc1.log")"
    sed -i 's/ch := make(chan int)$/ch := make(chan int, 1)/' "$TMP/pc/store/store.go"
    (cd "$TMP/pc" && git add store/store.go &&
        PRE_COMMIT_HOME=$TMP/pc-home PATH=$TMP/bin:$PATH pre-commit try-repo "$ROOT" drip-check) >"$TMP/pc2.log" 2>&1
    rc=$?
    [ "$rc" = 0 ] && grep -q "^drip check.*Passed" "$TMP/pc2.log" && pass recipes/pre-commit-passes-when-fixed ||
        fail recipes/pre-commit-passes-when-fixed "status $rc: $(tail -n 8 "$TMP/pc2.log")"
else
    skip recipes/pre-commit "no pre-commit (apt-get install pre-commit)"
fi

# 4. the pre-push hook
python3 "$R" extract "$ROOT/docs/ci.md" pre-push >"$TMP/pre-push" || { fail recipes/pre-push-extract "no recipe"; exit 0; }
make_repo "$TMP/pp"
git init -q --bare "$TMP/pp-remote.git"
cp "$TMP/pre-push" "$TMP/pp/.git/hooks/pre-push" && chmod +x "$TMP/pp/.git/hooks/pre-push"
(cd "$TMP/pp" && git remote add origin "$TMP/pp-remote.git" && PATH=$TMP/bin:$PATH git push -q origin main) >"$TMP/pp1.log" 2>&1
rc=$?
[ "$rc" != 0 ] && grep -q "^store/store.go:6:14: .*(abandoned-channel)$" "$TMP/pp1.log" &&
    grep -q "pre-push: drip check found leaks in refs/heads/main" "$TMP/pp1.log" &&
    [ -z "$(git -C "$TMP/pp-remote.git" rev-parse --verify -q refs/heads/main)" ] && pass recipes/pre-push-refuses-leak ||
    fail recipes/pre-push-refuses-leak "status $rc: $(tail -n 5 "$TMP/pp1.log")"
# the working tree's fix is not what is pushed: still refused
sed -i 's/ch := make(chan int)$/ch := make(chan int, 1)/' "$TMP/pp/store/store.go"
(cd "$TMP/pp" && PATH=$TMP/bin:$PATH git push -q origin main) >"$TMP/pp2.log" 2>&1
[ $? != 0 ] && pass recipes/pre-push-checks-the-commit-not-the-worktree || fail recipes/pre-push-checks-the-commit-not-the-worktree "pushed"
(cd "$TMP/pp" && git commit -qam fix && PATH=$TMP/bin:$PATH git push -q origin main) >"$TMP/pp3.log" 2>&1
rc=$?
[ "$rc" = 0 ] && [ "$(git -C "$TMP/pp-remote.git" rev-parse main)" = "$(git -C "$TMP/pp" rev-parse main)" ] &&
    pass recipes/pre-push-passes-when-fixed || fail recipes/pre-push-passes-when-fixed "status $rc: $(tail -n 5 "$TMP/pp3.log")"

# 5. Editors, against drip's real output on a tree with several findings
E=$TMP/ed
mkdir -p "$E/a" "$E/b"
printf 'module example.com/ed\n\ngo 1.21\n' >"$E/go.mod"
cat >"$E/a/a.go" <<'GO'
package a

import (
	"context"
	"os"
	"time"
)

func Open(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

func Wait(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	_ = cancel
	<-ctx.Done()
}
GO
cat >"$E/b/b.go" <<'GO'
package b

func Send(v int) {
	ch := make(chan int)
	go func() { ch <- v }()
}

func Broken( {
GO
(cd "$E" && "$BUILT" check ./...) >"$TMP/ed.txt" 2>/dev/null
(cd "$E" && "$BUILT" check -f json ./...) >"$TMP/ed.json" 2>/dev/null
n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$TMP/ed.json" 2>/dev/null)
[ "${n:-0}" -ge 3 ] && pass "recipes/editor-findings ($n)" || fail recipes/editor-findings "only ${n:-0}: $(cat "$TMP/ed.txt")"

# efm: the format, through Vim's own parser
python3 "$R" extract "$ROOT/docs/editor.md" efm >"$TMP/efm.yaml"
efm=$(python3 -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["tools"]["drip"]["lint-formats"][0])' "$TMP/efm.yaml")
lintcmd=$(python3 -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["tools"]["drip"]["lint-command"])' "$TMP/efm.yaml")
python3 "$R" extract "$ROOT/docs/editor.md" nvim-lint >"$TMP/lint.lua"
lintefm=$(sed -n 's/.*from_errorformat("\([^"]*\)".*/\1/p' "$TMP/lint.lua")
[ -n "$efm" ] && [ "$efm" = "$lintefm" ] && grep -q 'cmd = "drip"' "$TMP/lint.lua" && grep -q 'args = { "check" }' "$TMP/lint.lua" &&
    grep -q 'append_fname = true' "$TMP/lint.lua" && pass recipes/nvim-lint-same-format-as-efm ||
    fail recipes/nvim-lint-same-format-as-efm "efm '$efm', nvim-lint '$lintefm'"
# vim_qf FMT OUTPUT: the quickfix list Vim makes of OUTPUT, as JSON
vim_qf() {
    vim -Nu NONE -i NONE -es \
        -c "let &efm = '$1'" -c "cgetfile $2" \
        -c "call writefile([json_encode(map(getqflist(), {_, e -> {'file': bufname(e.bufnr), 'line': e.lnum, 'col': e.col, 'text': e.text, 'valid': e.valid}}))], '$3')" \
        -c 'qa!' </dev/null >/dev/null 2>&1
}
# same_as_json QF: every finding of drip's JSON is one valid entry, with
# the message and rule as the text
cat >"$TMP/same.py" <<'PY'
import json, sys
qf = [e for e in json.load(open(sys.argv[1])) if e["valid"]]
want = [{"file": d["path"], "line": d["line"], "col": d["column"], "text": "%s (%s)" % (d["message"], d["rule"])}
        for d in json.load(open(sys.argv[2]))["diagnostics"]]
got = [{k: e[k] for k in ("file", "line", "col", "text")} for e in qf]
assert got == want, (got, want)
print("ok", len(got))
PY
if command -v vim >/dev/null 2>&1; then
    vim_qf "$efm" "$TMP/ed.txt" "$TMP/qf.json"
    python3 "$TMP/same.py" "$TMP/qf.json" "$TMP/ed.json" >"$TMP/same.txt" 2>&1 && pass "recipes/efm-format-in-vim ($(cut -d' ' -f2 "$TMP/same.txt") findings)" ||
        fail recipes/efm-format-in-vim "$(tail -c 600 "$TMP/same.txt")"
    # on save: the lint command on one file
    f=b/b.go
    cmd=$(echo "$lintcmd" | sed "s|\${INPUT}|$f|")
    (cd "$E" && PATH=$TMP/bin:$PATH sh -c "$cmd") >"$TMP/one.txt" 2>/dev/null
    (cd "$E" && "$BUILT" check -f json "$f") >"$TMP/one.json" 2>/dev/null
    (cd "$E" && vim_qf "$efm" "$TMP/one.txt" "$TMP/qf1.json")
    python3 "$TMP/same.py" "$TMP/qf1.json" "$TMP/one.json" >"$TMP/same1.txt" 2>&1 && grep -q '^ok [1-9]' "$TMP/same1.txt" &&
        pass recipes/efm-lint-command-on-one-file || fail recipes/efm-lint-command-on-one-file "$(tail -c 400 "$TMP/same1.txt")"
else
    skip recipes/efm-format-in-vim "no vim"
fi

# VS Code: the problem matcher's regexp, in Node.js
python3 "$R" extract "$ROOT/docs/editor.md" vscode >"$TMP/tasks.json"
if command -v node >/dev/null 2>&1; then
    node - "$TMP/tasks.json" "$TMP/ed.txt" "$TMP/ed.json" >"$TMP/vs.txt" 2>&1 <<'JS'
const fs = require("fs");
const [tasksFile, outFile, jsonFile] = process.argv.slice(2);
const task = JSON.parse(fs.readFileSync(tasksFile, "utf8")).tasks.find(t => t.label === "drip check");
if (task.command !== "drip check ./...") throw new Error("command " + task.command);
const pm = task.problemMatcher, p = pm.pattern, re = new RegExp(p.regexp);
const got = fs.readFileSync(outFile, "utf8").split("\n").filter(l => l).map(l => {
  const m = re.exec(l);
  if (!m) throw new Error("no match: " + l);
  return {file: m[p.file], line: +m[p.line], column: +m[p.column], message: m[p.message], rule: m[p.code]};
});
const want = JSON.parse(fs.readFileSync(jsonFile, "utf8")).diagnostics.map(d =>
  ({file: d.path, line: d.line, column: d.column, message: d.message, rule: d.rule}));
if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(JSON.stringify({got, want}));
if (pm.fileLocation[0] !== "relative") throw new Error("fileLocation");
console.log("ok", got.length);
JS
    grep -q '^ok [1-9]' "$TMP/vs.txt" && pass "recipes/vscode-problem-matcher ($(cut -d' ' -f2 "$TMP/vs.txt") findings)" ||
        fail recipes/vscode-problem-matcher "$(tail -c 600 "$TMP/vs.txt")"
else
    skip recipes/vscode-problem-matcher "no node"
fi
command -v emacs >/dev/null 2>&1 || skip recipes/flycheck "no Emacs in the suite: the flycheck checker is not run"
