#!/usr/bin/env bash
# Makes the pinned rqlited (rqlite's server) available for the tests that run Mailpit on rqlite,
# and prints its absolute path on the last line of stdout. Every other message goes to stderr.
#
# Usage: bash scripts/install-rqlite.sh [--quiet]
#
# Lookup order:
#   1. $RQLITED_BIN (must be executable)
#   2. <repo>/.tools/bin/rqlited, if it reports the pinned version (cached)
#   3. build from source with Go (through the Go module proxy) into .tools/bin (a few minutes:
#      rqlite embeds SQLite through cgo)
#
# rqlite's module has `replace` directives, so it cannot be a dependency of a throwaway module
# (as Mailpit is); it builds as the main module from its own downloaded source instead.
set -euo pipefail

RQLITE_VERSION="v8.30.0"
MODULE="github.com/rqlite/rqlite/v8"

QUIET=0
for arg in "$@"; do
  case "$arg" in
    -q | --quiet) QUIET=1 ;;
    *)
      echo "install-rqlite: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

log() { if [ "$QUIET" -eq 0 ]; then echo "install-rqlite: $*" >&2; fi; }
die() {
  echo "install-rqlite: error: $*" >&2
  exit 1
}

REPO_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
TOOLS_BIN="$REPO_ROOT/.tools/bin"
TARGET="$TOOLS_BIN/rqlited"

if [ -n "${RQLITED_BIN:-}" ]; then
  [ -x "$RQLITED_BIN" ] || die "RQLITED_BIN=$RQLITED_BIN is not executable"
  echo "$RQLITED_BIN"
  exit 0
fi

is_pinned() { [ -x "$1" ] && "$1" -version 2>&1 | grep -q "^rqlited ${RQLITE_VERSION//./\\.} "; }

if is_pinned "$TARGET"; then
  log "using cached $TARGET"
  echo "$TARGET"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "Go is needed to build rqlited $RQLITE_VERSION (or set RQLITED_BIN)"
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
log "downloading $MODULE@$RQLITE_VERSION through the Go module proxy"
dir="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$MODULE@$RQLITE_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -n "$dir" ] && [ -d "$dir" ] || die "could not download $MODULE@$RQLITE_VERSION"
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
log "building rqlited $RQLITE_VERSION (cgo; this takes a few minutes once)"
mkdir -p "$TOOLS_BIN"
(cd "$work/src" && CGO_ENABLED=1 go build -o "$work/rqlited" \
  -ldflags "-X $MODULE/cmd.Version=$RQLITE_VERSION -X $MODULE/cmd.Branch=release" ./cmd/rqlited) ||
  die "go build of rqlited failed"
mv "$work/rqlited" "$TARGET"
is_pinned "$TARGET" || die "the built rqlited does not report $RQLITE_VERSION"
log "installed $TARGET"
echo "$TARGET"
