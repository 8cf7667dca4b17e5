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
MAILPIT_VERSION="v1.33.1"
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

# The SMTP server with an HTTP API that the email tests read what the service sent from.
install_mailpit() {
  if [ -x "$BIN/mailpit" ] && [ -f "$BIN/.mailpit-$MAILPIT_VERSION" ]; then return; fi
  log "installing mailpit $MAILPIT_VERSION (cold build takes a few minutes)"
  GOBIN="$BIN" go install "github.com/axllent/mailpit@$MAILPIT_VERSION" >&2
  touch "$BIN/.mailpit-$MAILPIT_VERSION"
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

# A Debian package, unless its command is already there (apt's lists are fetched once per run).
APT_UPDATED=0
apt_install() {
  local command=$1 package=$2
  if command -v "$command" >/dev/null 2>&1; then return; fi
  log "installing $package from Debian"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ "$APT_UPDATED" = 0 ]; then $sudo apt-get update -qq >&2; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >&2
}

# Debian's chromium for the browser test (Playwright's own browser downloads are not reachable).
install_chromium() {
  apt_install chromium chromium
}

# poppler's pdftoppm: the documents tests render page 1 of a receipt and a statement to PNG.
install_poppler() {
  apt_install pdftoppm poppler-utils
}

case "${1:-all}" in
  dynoxide) install_dynoxide ;;
  stripe-mock) install_stripe_mock ;;
  localstripe) install_localstripe ;;
  chromium) install_chromium ;;
  poppler) install_poppler ;;
  mailpit) install_mailpit ;;
  schemathesis) install_schemathesis ;;
  oha) install_oha ;;
  all) install_stripe_mock; install_localstripe; install_mailpit; install_dynoxide; install_chromium; install_poppler ;;
  *) echo "usage: $0 [all|dynoxide|stripe-mock|localstripe|mailpit|chromium|poppler|schemathesis|oha]" >&2; exit 2 ;;
esac
