#!/usr/bin/env bash
# Makes a checkout runnable: npm dependencies (when missing or older than the lock file) and the
# pinned Mailpit (scripts/install-mailpit.sh). Cheap when everything is already there.
# Used by `npm start` and `npm test`, so both work as the first command on a fresh machine.
# With --browser (npm test), it also makes sure a Chromium exists for the end-to-end tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded; node-gyp
# then needs Node's headers, which Debian's nodejs-dev puts under /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "sandpit: installing npm dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund >&2
fi

bash scripts/install-mailpit.sh --quiet >/dev/null

if [ "${1:-}" = "--browser" ]; then
  browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$browser" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "sandpit: installing Debian's chromium for the browser tests…" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
    else
      echo "sandpit: the browser tests need Chromium at $browser: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
fi
