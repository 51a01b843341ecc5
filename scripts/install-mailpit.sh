#!/usr/bin/env bash
# Makes the pinned Mailpit binary available and prints its absolute path on the
# last line of stdout. Every other message goes to stderr.
#
# Usage: bash scripts/install-mailpit.sh [--quiet]
#
# Lookup order:
#   1. $MAILPIT_BIN (must be executable; warns if it is not the pinned version)
#   2. <repo>/.tools/bin/mailpit, if it reports the pinned version (cached)
#   3. `mailpit` on PATH, if it reports the pinned version
#   4. build from source with Go (through the Go module proxy) into .tools/bin
#   5. download the official release tarball from GitHub into .tools/bin
#
# Note on step 4: `go install github.com/axllent/mailpit@vX` reads the module's
# version list (@v/list) for its deprecation check, and some proxies/mirrors
# answer 403 to that. Building from a throwaway module that requires the exact
# version only fetches @v/<version>.{info,mod,zip}, which works.
# A source build does not contain Mailpit's own web UI bundle (that needs an npm
# build step upstream); Sandpit only uses Mailpit's API, so that is fine.
set -euo pipefail

MAILPIT_VERSION="v1.30.5"

QUIET=0
for arg in "$@"; do
  case "$arg" in
    -q | --quiet) QUIET=1 ;;
    -h | --help)
      sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    *)
      echo "install-mailpit: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

log() { if [ "$QUIET" -eq 0 ]; then echo "install-mailpit: $*" >&2; fi; }
warn() { echo "install-mailpit: warning: $*" >&2; }
die() { echo "install-mailpit: error: $*" >&2; exit 1; }

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
TOOLS_BIN="$REPO_ROOT/.tools/bin"
TARGET="$TOOLS_BIN/mailpit"

# Temporary files/dirs to clean up on exit (interrupted builds/downloads).
CLEANUP=()
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  local p
  for p in "${CLEANUP[@]+"${CLEANUP[@]}"}"; do
    rm -rf -- "$p"
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the output of `<bin> version` (stdout+stderr). Never fails.
# `mailpit version` also asks GitHub for the latest release; --no-release-check
# skips that (older builds may not know the flag, so fall back without it).
version_output() {
  local bin="$1" out="" to=()
  if command -v timeout >/dev/null 2>&1; then to=(timeout 20); fi
  out="$("${to[@]+"${to[@]}"}" "$bin" version --no-release-check 2>&1)" ||
    out="$("${to[@]+"${to[@]}"}" "$bin" version 2>&1)" || true
  printf '%s\n' "$out"
}

# True if the binary reports exactly the pinned version.
is_pinned() {
  local bin="$1"
  [ -x "$bin" ] || return 1
  # `mailpit version` prints "<argv0> <version> compiled with <go> on <os>/<arch>".
  local out
  out="$(version_output "$bin")"
  grep -Eq "(^|[[:space:]])${MAILPIT_VERSION//./\\.}([[:space:]]|$)" <<<"$out"
}

abspath() {
  local p="$1"
  case "$p" in
    /*) ;;
    *) p="$PWD/$p" ;;
  esac
  printf '%s/%s\n' "$(cd -- "$(dirname -- "$p")" && pwd -P)" "$(basename -- "$p")"
}

found() {
  abspath "$1"
  exit 0
}

# ---------------------------------------------------------------------------
# 1. MAILPIT_BIN
if [ -n "${MAILPIT_BIN:-}" ]; then
  bin="$MAILPIT_BIN"
  if [[ "$bin" != */* ]]; then
    resolved="$(command -v -- "$bin" || true)"
    [ -n "$resolved" ] || die "MAILPIT_BIN=$MAILPIT_BIN was not found on PATH"
    bin="$resolved"
  fi
  if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
    die "MAILPIT_BIN=$MAILPIT_BIN is not an executable file"
  fi
  if ! is_pinned "$bin"; then
    warn "MAILPIT_BIN=$MAILPIT_BIN does not report Mailpit $MAILPIT_VERSION; using it anyway"
  fi
  log "using MAILPIT_BIN ($bin)"
  found "$bin"
fi

# 2. cached build in .tools/bin
if [ -x "$TARGET" ]; then
  if is_pinned "$TARGET"; then
    log "using cached $TARGET"
    found "$TARGET"
  fi
  log "$TARGET is not Mailpit $MAILPIT_VERSION; replacing it"
fi

# 3. mailpit on PATH
if on_path="$(command -v mailpit 2>/dev/null)" && [ -n "$on_path" ]; then
  if is_pinned "$on_path"; then
    log "using mailpit from PATH ($on_path)"
    found "$on_path"
  fi
  log "mailpit on PATH ($on_path) is not $MAILPIT_VERSION; ignoring it"
fi

mkdir -p "$TOOLS_BIN"

# Moves a freshly built/downloaded binary into place atomically and checks it.
install_binary() {
  local tmp="$1"
  chmod 0755 "$tmp"
  if ! is_pinned "$tmp"; then
    warn "the new binary does not report $MAILPIT_VERSION:"
    version_output "$tmp" | sed 's/^/  /' >&2
    return 1
  fi
  mv -f -- "$tmp" "$TARGET"
}

# 4. build from source with Go
build_with_go() {
  command -v go >/dev/null 2>&1 || return 1
  log "building Mailpit $MAILPIT_VERSION from source with $(go version 2>/dev/null || echo go) (about a minute)..."

  local work tmp_bin
  work="$(mktemp -d "${TMPDIR:-/tmp}/mailpit-build.XXXXXX")"
  CLEANUP+=("$work")
  # Same directory as the target so the final mv is an atomic rename.
  tmp_bin="$(mktemp "$TOOLS_BIN/.mailpit.tmp.XXXXXX")"
  CLEANUP+=("$tmp_bin")

  cat >"$work/go.mod" <<EOF
module sandpit.local/mailpit-build

go 1.25

require github.com/axllent/mailpit $MAILPIT_VERSION
EOF
  cat >"$work/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/axllent/mailpit"
EOF

  # Go's progress goes to stderr; with --quiet it is kept in a log that is
  # shown only if the build fails.
  local build_log="$work/build.log"
  if ! (
    if [ "$QUIET" -eq 1 ]; then exec >"$build_log" 2>&1; else exec 1>&2; fi
    cd "$work" &&
      export GOFLAGS="-mod=mod" GOWORK=off CGO_ENABLED="${CGO_ENABLED:-0}" &&
      go mod tidy &&
      go build -trimpath \
        -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" \
        -o "$tmp_bin" github.com/axllent/mailpit
  ); then
    if [ -s "$build_log" ]; then tail -n 30 "$build_log" >&2; fi
    warn "building Mailpit with Go failed"
    return 1
  fi
  install_binary "$tmp_bin"
}

# 5. download the official release
download_release() {
  local os arch url work
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) warn "no Mailpit release download for OS $(uname -s)"; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) warn "no Mailpit release download for architecture $(uname -m)"; return 1 ;;
  esac
  url="https://github.com/axllent/mailpit/releases/download/$MAILPIT_VERSION/mailpit-$os-$arch.tar.gz"

  work="$(mktemp -d "${TMPDIR:-/tmp}/mailpit-download.XXXXXX")"
  CLEANUP+=("$work")

  log "downloading $url"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 --connect-timeout 15 -o "$work/mailpit.tar.gz" "$url" || return 1
  elif command -v wget >/dev/null 2>&1; then
    wget -q -T 15 -O "$work/mailpit.tar.gz" "$url" || return 1
  else
    warn "neither curl nor wget is available to download Mailpit"
    return 1
  fi

  tar -xzf "$work/mailpit.tar.gz" -C "$work" mailpit || return 1
  [ -f "$work/mailpit" ] || return 1

  local tmp_bin
  tmp_bin="$(mktemp "$TOOLS_BIN/.mailpit.tmp.XXXXXX")"
  CLEANUP+=("$tmp_bin")
  cp -- "$work/mailpit" "$tmp_bin"
  install_binary "$tmp_bin"
}

if command -v go >/dev/null 2>&1; then
  if build_with_go; then
    log "installed $TARGET"
    found "$TARGET"
  fi
else
  log "Go is not installed; skipping the source build"
fi

if download_release; then
  log "installed $TARGET"
  found "$TARGET"
fi

die "could not provide Mailpit $MAILPIT_VERSION. Options:
  - set MAILPIT_BIN=/path/to/mailpit (a Mailpit $MAILPIT_VERSION binary),
  - install Go 1.25 or later (this script then builds Mailpit into .tools/bin), or
  - put a Mailpit $MAILPIT_VERSION binary named 'mailpit' on PATH
    (release downloads: https://github.com/axllent/mailpit/releases/tag/$MAILPIT_VERSION)."
