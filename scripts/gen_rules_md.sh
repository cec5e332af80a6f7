#!/bin/sh
# gen_rules_md.sh [DRIP] [DIR] - writes DIR/rules.md (every leak kind, from
# the rules' own docs: drip explain --all --format markdown) and
# DIR/rules-counts.md (the rules' findings on real code and benchmarks:
# drip explain --all --counts --format markdown). DRIP defaults to ./drip,
# DIR to docs. tests/t_docs_rules.sh fails when the checked-in pages differ.
set -eu
drip=${1:-./drip}
dir=${2:-docs}
"$drip" explain --all --format markdown >"$dir/rules.md.tmp"
mv "$dir/rules.md.tmp" "$dir/rules.md"
"$drip" explain --all --counts --format markdown >"$dir/rules-counts.md.tmp"
mv "$dir/rules-counts.md.tmp" "$dir/rules-counts.md"
