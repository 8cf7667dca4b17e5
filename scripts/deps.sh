#!/usr/bin/env bash
# Installs the local stand-ins for AWS and Stripe from the package registries, once per machine.
# Everything goes under $LEDGERLINE_CACHE (default ~/.cache/ledgerline) so a fresh clone reuses it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DYNOXIDE_VERSION="3.2.0"
STRIPE_MOCK_VERSION="v0.203.0"
LOCALSTRIPE_VERSION="1.15.10"
SCHEMATHESIS_VERSION="4.32.5"
OHA_VERSION="1.16.0"
mkdir -p "$BIN"

install_dynoxide() {
  # The binary reports its own internal version, not the crate's, so a marker records the crate.
  if [ -x "$BIN/dynoxide" ] && [ -f "$BIN/.dynoxide-$DYNOXIDE_VERSION" ]; then return; fi
  log "building dynoxide $DYNOXIDE_VERSION (cold build takes a few minutes)"
  # Only the HTTP server and CLI: the MCP server and importer are not needed here.
  cargo install dynoxide-rs --version "$DYNOXIDE_VERSION" --locked --root "$CACHE/cargo" \
    --no-default-features --features native-sqlite,http-server,cli >&2
  ln -sf "$CACHE/cargo/bin/dynoxide" "$BIN/dynoxide"
  touch "$BIN/.dynoxide-$DYNOXIDE_VERSION"
}

install_stripe_mock() {
  if [ -x "$BIN/stripe-mock" ] && [ -f "$BIN/.stripe-mock-$STRIPE_MOCK_VERSION" ]; then return; fi
  log "installing stripe-mock $STRIPE_MOCK_VERSION"
  GOBIN="$BIN" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >&2
  touch "$BIN/.stripe-mock-$STRIPE_MOCK_VERSION"
}

# A pinned PyPI tool in a venv of its own; a marker file records the version installed.
install_venv_tool() {
  local venv=$1 package=$2 version=$3
  if [ -x "$venv/bin/$package" ] && [ -f "$venv/.$package-$version" ]; then return; fi
  log "installing $package $version"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "$package==$version" >&2
  touch "$venv/.$package-$version"
}

install_localstripe() {
  install_venv_tool "$CACHE/venv" localstripe "$LOCALSTRIPE_VERSION"
  ln -sf "$CACHE/venv/bin/localstripe" "$BIN/localstripe"
}

# The contract fuzzer (scripts/fuzz.sh); not part of `all`, which the emulators need.
install_schemathesis() {
  install_venv_tool "$FUZZ_VENV" schemathesis "$SCHEMATHESIS_VERSION"
}

# The benchmark's HTTP load generator for plain GETs (scripts/bench.sh uses it when present);
# not part of `all`: a cold build takes minutes and nothing else needs it.
install_oha() {
  if [ -x "$BIN/oha" ] && [ -f "$BIN/.oha-$OHA_VERSION" ]; then return; fi
  log "building oha from crates.io (cold build takes a few minutes)"
  cargo install oha --version "$OHA_VERSION" --locked --root "$CACHE/cargo" >&2
  ln -sf "$CACHE/cargo/bin/oha" "$BIN/oha"
  touch "$BIN/.oha-$OHA_VERSION"
}

install_chromium() {
  # Debian's chromium for the browser test (Playwright's own browser downloads are not reachable).
  if command -v chromium >/dev/null 2>&1; then return; fi
  log "installing chromium from Debian"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >&2
}

case "${1:-all}" in
  dynoxide) install_dynoxide ;;
  stripe-mock) install_stripe_mock ;;
  localstripe) install_localstripe ;;
  chromium) install_chromium ;;
  schemathesis) install_schemathesis ;;
  oha) install_oha ;;
  all) install_stripe_mock; install_localstripe; install_dynoxide; install_chromium ;;
  *) echo "usage: $0 [all|dynoxide|stripe-mock|localstripe|chromium|schemathesis|oha]" >&2; exit 2 ;;
esac
