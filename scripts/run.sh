#!/usr/bin/env bash
# The run command: the service with every dependency local. Starts dynoxide (data kept in
# ~/.cache/ledgerline/run/dev.db), stripe-mock and localstripe, builds the service, creates the
# table, prints a demo login and serves http://localhost:8080 until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

# The dev database and demo password; $CACHE/run even when LEDGERLINE_RUN_DIR moves the emulators'.
DEV_DIR="$CACHE/run"
export DYNOXIDE_DB_PATH="${DYNOXIDE_DB_PATH:-$DEV_DIR/dev.db}"
mkdir -p "$DEV_DIR"

start_emulators

log "building the service and the control panel"
build_service

export BILLING_DEV_MODE=true
export BILLING_TABLE_NAME="${BILLING_TABLE_NAME:-ledgerline-dev}"
# localstripe is the stateful Stripe with a fake Stripe.js the browser can load offline.
export STRIPE_API_BASE="${STRIPE_API_BASE:-$LOCALSTRIPE_URL}"
export STRIPE_JS_URL="${STRIPE_JS_URL:-$LOCALSTRIPE_URL/js.stripe.com/v3/}"
export BILLING_DEMO_EMAIL="${BILLING_DEMO_EMAIL:-demo@ledgerline.local}"
demo_password_file="$DEV_DIR/demo-password"
[ -s "$demo_password_file" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$demo_password_file")
export BILLING_DEMO_PASSWORD="${BILLING_DEMO_PASSWORD:-$(cat "$demo_password_file")}"

cat <<BANNER
------------------------------------------------------------------
 Ledgerline (dev mode) at http://localhost:${PORT:-8080}
   Control panel: http://localhost:${PORT:-8080}/  (fake Stripe.js card field: localstripe)
   API docs:   http://localhost:${PORT:-8080}/swagger-ui
   Health:     http://localhost:${PORT:-8080}/health
   Demo login: $BILLING_DEMO_EMAIL / $BILLING_DEMO_PASSWORD
 Stop with Ctrl-C; 'bash scripts/emulators.sh stop' stops the emulators.
------------------------------------------------------------------
BANNER
# Readable log lines for a terminal; production logs JSON (docs/deployment.md).
export LOG_FORMAT="${LOG_FORMAT:-text}"
exec java -jar "$JAR"
