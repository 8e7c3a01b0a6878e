#!/usr/bin/env bash
# Bring reveal.js, the slide framework of the standalone decks, into the kit's environment, so a
# deck built by `refocus course build` loads every script, style and font from beside itself.
# The package is fetched by npm (pinned version), checked against its pinned SHA-256, and its
# dist/ and plugin/ folders unpacked into DEST. Usage: tools/fetch-revealjs.sh DEST
set -euo pipefail

VERSION=5.2.1
SHA256=359b575dd51bbda32f89b2fd4c7dc46ad7389a805572158916c29252f7a27333
DEST=${1:?usage: tools/fetch-revealjs.sh DEST}

if ! command -v npm > /dev/null; then
  echo "The slide decks need reveal.js, fetched with npm: install Node.js and npm, then run this again." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "reveal.js@$VERSION" > /dev/null)
echo "$SHA256  $work/reveal.js-$VERSION.tgz" | sha256sum --check --quiet
tar -xzf "$work/reveal.js-$VERSION.tgz" -C "$work" package/dist package/plugin package/LICENSE
rm -rf "$DEST"
mkdir -p "$DEST"
mv "$work/package/dist" "$work/package/plugin" "$work/package/LICENSE" "$DEST/"
echo "$VERSION" > "$DEST/VERSION"
