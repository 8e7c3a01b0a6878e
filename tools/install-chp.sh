#!/usr/bin/env bash
# Install configurable-http-proxy, JupyterHub's proxy, for the kit's hub test (tests/hub) into
# DEST, never globally: npm installs exactly what tools/chp/package-lock.json pins, each package
# checked against the lock's integrity hash, with no install scripts run.
# Usage: tools/install-chp.sh DEST  (the proxy is then DEST/node_modules/.bin/configurable-http-proxy)
set -euo pipefail

DEST=${1:?usage: tools/install-chp.sh DEST}
HERE=$(cd "$(dirname "$0")" && pwd)

if ! command -v npm > /dev/null; then
  echo "The hub test needs configurable-http-proxy, installed with npm: install Node.js and npm, then run this again." >&2
  exit 1
fi
rm -rf "$DEST"
mkdir -p "$DEST"
cp "$HERE/chp/package.json" "$HERE/chp/package-lock.json" "$DEST/"
(cd "$DEST" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --silent)
"$DEST/node_modules/.bin/configurable-http-proxy" --version > "$DEST/.installed"
