#!/bin/sh
# demo.sh DRIP - runs drip on the bundled examples.
DRIP=${1:-./drip}
cd "$(dirname "$0")/.."
$DRIP --version
