# t_check_sarif.sh - drip check --format sarif validates against the
# official SARIF 2.1.0 JSON schema and carries what GitHub code scanning
# needs (tool name, rule ids, results with a message, a relative uri and a
# 1-based region).
. "$(dirname "$0")/lib.sh"

if ! sh "$ROOT/scripts/sarif_schema.sh" "$BUILD/sarif" >"$TMP/setup.log" 2>&1; then
    fail "check-sarif/schema-available" "$(tail -n 3 "$TMP/setup.log")"
    exit 0
fi
pass "check-sarif/schema-available"
# The validator: the python3 on PATH if it has jsonschema, else Debian's
# (python3-jsonschema installs there).
PY=python3
python3 -c 'import jsonschema' 2>/dev/null || PY=/usr/bin/python3

cat >"$TMP/validate.py" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator.check_schema(schema)
errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:5]:
    print("schema:", "/".join(str(p) for p in e.path), e.message[:200])
run = doc["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
problems = []
if run["tool"]["driver"].get("name") != "drip":
    problems.append("driver name")
for r in run["results"]:
    if r["ruleId"] not in ids and r["ruleId"] != "unused-ignore":
        problems.append("unknown ruleId " + r["ruleId"])
    if "ruleIndex" in r and ids[r["ruleIndex"]] != r["ruleId"]:
        problems.append("ruleIndex mismatch")
    if not r["message"]["text"]:
        problems.append("empty message")
    loc = r["locations"][0]["physicalLocation"]
    if loc["region"]["startLine"] < 1 or loc["region"]["startColumn"] < 1:
        problems.append("region")
    if loc["artifactLocation"]["uri"].startswith("/"):
        problems.append("absolute uri without file scheme")
for p in problems[:5]:
    print("github:", p)
want = int(sys.argv[3])
if want >= 0 and len(run["results"]) != want:
    print("results: %d, want %d" % (len(run["results"]), want))
    errors.append(1)
sys.exit(1 if errors or problems else 0)
PY

for rule in lost-cancel ticker-leak; do
    (cd "$ROOT/testdata/src/$rule" && "$DRIP" check --enable "$rule" --format sarif .) >"$TMP/$rule.sarif"
    n=$(cd "$ROOT/testdata/src/$rule" && "$DRIP" check --enable "$rule" . | grep -c .)
    if out=$("$PY" "$TMP/validate.py" "$BUILD/sarif/sarif-schema-2.1.0.json" "$TMP/$rule.sarif" "$n" 2>&1); then
        pass "check-sarif/valid-$rule"
    else
        fail "check-sarif/valid-$rule" "$out"
    fi
done

# No findings: still a valid log with an empty results array.
mkdir -p "$TMP/clean"
printf 'package clean\n\nfunc F() {}\n' >"$TMP/clean/c.go"
(cd "$TMP/clean" && "$DRIP" check --format sarif .) >"$TMP/clean.sarif"
if out=$("$PY" "$TMP/validate.py" "$BUILD/sarif/sarif-schema-2.1.0.json" "$TMP/clean.sarif" 0 2>&1); then
    pass "check-sarif/valid-empty"
else
    fail "check-sarif/valid-empty" "$out"
fi

# Absolute paths become file: URIs, messages with quotes stay valid JSON.
"$DRIP" check --enable nil-channel --format sarif "$ROOT/testdata/src/nil-channel" >"$TMP/abs.sarif"
if out=$("$PY" "$TMP/validate.py" "$BUILD/sarif/sarif-schema-2.1.0.json" "$TMP/abs.sarif" -1 2>&1) &&
    grep -q '"uri": "file:///' "$TMP/abs.sarif"; then
    pass "check-sarif/valid-absolute-paths"
else
    fail "check-sarif/valid-absolute-paths" "$out"
fi

# Unused suppressions are results too, with their own rule entry.
mkdir -p "$TMP/unused"
printf 'package u\n\n//drip:ignore ticker-leak stale\nfunc F() {}\n' >"$TMP/unused/u.go"
(cd "$TMP/unused" && "$DRIP" check --report-unused-ignores --format sarif .) >"$TMP/unused.sarif"
# unused-ignore comes after every rule in the driver's list.
nrules=$("$DRIP" check --list | grep -c .)
if out=$("$PY" "$TMP/validate.py" "$BUILD/sarif/sarif-schema-2.1.0.json" "$TMP/unused.sarif" 1 2>&1) &&
    grep -q "\"ruleId\": \"unused-ignore\", \"ruleIndex\": $nrules" "$TMP/unused.sarif"; then
    pass "check-sarif/valid-unused-ignores"
else
    fail "check-sarif/valid-unused-ignores" "$out"
fi
