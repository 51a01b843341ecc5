#!/usr/bin/env bash
# Makes a checkout runnable: npm dependencies (when missing or older than the lock file) and the
# pinned Mailpit (scripts/install-mailpit.sh). Cheap when everything is already there.
# Used by `npm start` and `npm test`, so both work as the first command on a fresh machine.
# With --browser (npm test), it also makes sure a Chromium exists for the end-to-end tests; with
# --postgres, that PostgreSQL's server programs exist (the suites also run on PostgreSQL); with
# --rqlite, the pinned rqlited (a test runs Mailpit on rqlite); with --build (npm start), the
# compiled server in dist/, rebuilt when a source file is newer than it.
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

# apt_install PACKAGE WHAT: Debian's package, when root on a Debian-like system; else say what to do.
apt_install() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "sandpit: installing Debian's $1 for $2…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >&2
  else
    return 1
  fi
}

for arg in "$@"; do
  case "$arg" in
    --postgres)
      if [ -z "${PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
        apt_install postgresql "the PostgreSQL test runs" || {
          echo "sandpit: the tests also run on PostgreSQL and need its server programs (initdb, pg_ctl): install Debian's postgresql or set PG_BIN." >&2
          exit 1
        }
      fi
      ;;
    --rqlite) bash scripts/install-rqlite.sh --quiet >/dev/null ;;
    --build)
      # npm start runs the compiled server: no transpiling on every start (#13: restart to ready).
      if [ ! -f dist/main.js ] || [ -n "$(find src tsconfig.json tsconfig.build.json package-lock.json -newer dist/main.js -print -quit)" ]; then
        echo "sandpit: compiling the server (tsc -p tsconfig.build.json)…" >&2
        node_modules/.bin/tsc -p tsconfig.build.json >&2
        touch dist/main.js
      fi
      ;;
  esac
done

if [[ " $* " == *" --browser "* ]]; then
  browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$browser" ]; then
    apt_install chromium "the browser tests" || {
      echo "sandpit: the browser tests need Chromium at $browser: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH." >&2
      exit 1
    }
  fi
fi
