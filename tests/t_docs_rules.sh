# t_docs_rules.sh - docs/rules.md and docs/rules-counts.md are what
# scripts/gen_rules_md.sh makes from drip itself, every leak kind has its
# anchored section, and the counts stay out of the user-facing page.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/docs"
if sh "$ROOT/scripts/gen_rules_md.sh" "$DRIP" "$TMP/docs" 2>"$TMP/gen.err"; then
    pass docs-rules/generate
else
    fail docs-rules/generate "$(cat "$TMP/gen.err")"
fi
for page in rules.md rules-counts.md; do
    if diff -u "$ROOT/docs/$page" "$TMP/docs/$page" >"$TMP/diff" 2>&1; then
        pass "docs-rules/$page-current"
    else
        fail "docs-rules/$page-current" "run 'sh scripts/gen_rules_md.sh' and commit: $(head -c 600 "$TMP/diff")"
    fi
done

# one section per name drip explain knows, anchored by the name
missing=
for name in $("$DRIP" explain --list | cut -f1); do
    grep -q "^<a id=\"$name\"></a>\$" "$TMP/docs/rules.md" && grep -q "^### $name\$" "$TMP/docs/rules.md" ||
        missing="$missing $name"
done
[ -z "$missing" ] && pass docs-rules/anchors || fail docs-rules/anchors "no section for:$missing"

# every link to a section of rules.md points at an anchor that exists
bad=
for a in $(grep -o '](#[a-z-]*)' "$TMP/docs/rules.md" | sed 's/](#\(.*\))/\1/' | sort -u); do
    grep -q "^<a id=\"$a\"></a>\$" "$TMP/docs/rules.md" || bad="$bad $a"
done
for a in $(grep -o '](rules.md#[a-z-]*)' "$TMP/docs/rules-counts.md" | sed 's/](rules.md#\(.*\))/\1/' | sort -u); do
    grep -q "^<a id=\"$a\"></a>\$" "$TMP/docs/rules.md" || bad="$bad counts:$a"
done
[ -z "$bad" ] && pass docs-rules/links || fail docs-rules/links "dangling:$bad"

# the seed table: one row per seed kind, each naming a rule
rows=$(grep -c '^| [一二]、' "$TMP/docs/rules.md")
[ "$rows" -ge 10 ] && pass docs-rules/seed-table || fail docs-rules/seed-table "$rows rows"

# counts and benchmark prose only in rules-counts.md; every rule with
# counts in drip explain has them there
if grep -q 'Findings on real code\|GoKer' "$TMP/docs/rules.md"; then
    fail docs-rules/no-counts "$(grep -n 'Findings on real code\|GoKer' "$TMP/docs/rules.md" | head -3)"
else
    pass docs-rules/no-counts
fi
n=0
for rule in $("$DRIP" check --list | awk '{print $1}'); do
    "$DRIP" explain "$rule" | grep -q '^Findings on real code' && n=$((n + 1))
done
m=$(grep -c '^Findings on real code' "$TMP/docs/rules-counts.md")
[ "$n" -gt 0 ] && [ "$n" = "$m" ] && pass docs-rules/counts-moved || fail docs-rules/counts-moved "explain: $n, rules-counts.md: $m"
