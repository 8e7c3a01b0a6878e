#!/usr/bin/env bash
# Install the system tools the test suite drives, when they are missing: Debian's Chromium (for
# the browser tests, through Playwright), a PostgreSQL server (for the store's tests) and npm
# (for the course decks' pinned reveal.js).
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
command -v npm > /dev/null || need+=(npm)  # fetches the slide decks' reveal.js (make reveal)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null; then SUDO=sudo; else
    echo "The tests need: ${need[*]}. Install them as root (apt-get install ${need[*]})." >&2
    exit 1
  fi
else
  SUDO=
fi
echo "Installing test tools: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
