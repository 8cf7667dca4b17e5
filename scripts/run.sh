#!/usr/bin/env bash
# The run command: the service with every dependency local. Starts dynoxide (data kept in
# ~/.cache/ledgerline/run/dev.db), stripe-mock, localstripe and mailpit (the emails), builds the service, creates the
# table, registers the service's webhook with localstripe, and serves http://localhost:8080 until
# Ctrl-C; it says when the service is ready and how long the start took.
# With STRIPE_SECRET_KEY set (Stripe test mode, docs/deployment.md) it talks to Stripe instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

started=$SECONDS
PORT="${PORT:-8080}"
export PORT

# The dev database and demo password; $CACHE/run even when LEDGERLINE_RUN_DIR moves the emulators'.
DEV_DIR="$CACHE/run"
export DYNOXIDE_DB_PATH="${DYNOXIDE_DB_PATH:-$DEV_DIR/dev.db}"
mkdir -p "$DEV_DIR"

start_emulators
emulators_done=$SECONDS

if jar_up_to_date; then
  log "the service jar is newer than its sources: not building it again (LEDGERLINE_REBUILD=1 forces a build)"
else
  log "building the service and the control panel"
  build_service
fi
build_done=$SECONDS

export BILLING_DEV_MODE=true
export BILLING_TABLE_NAME="${BILLING_TABLE_NAME:-ledgerline-dev}"
if [ -n "${STRIPE_SECRET_KEY:-}" ]; then
  # Test-mode keys: the real Stripe API and Stripe.js, unless pointed elsewhere.
  export STRIPE_API_BASE="${STRIPE_API_BASE:-https://api.stripe.com}"
  export STRIPE_JS_URL="${STRIPE_JS_URL:-https://js.stripe.com/v3/}"
else
  # localstripe is the stateful Stripe with a fake Stripe.js the browser can load offline.
  export STRIPE_API_BASE="${STRIPE_API_BASE:-$LOCALSTRIPE_URL}"
  export STRIPE_JS_URL="${STRIPE_JS_URL:-$LOCALSTRIPE_URL/js.stripe.com/v3/}"
fi
export BILLING_DEMO_EMAIL="${BILLING_DEMO_EMAIL:-demo@ledgerline.local}"
demo_password_file="$DEV_DIR/demo-password"
[ -s "$demo_password_file" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$demo_password_file")
export BILLING_DEMO_PASSWORD="${BILLING_DEMO_PASSWORD:-$(cat "$demo_password_file")}"

# localstripe's webhook registration for this service: EVENTS is null (every event) or [] (none,
# which is how a registration is switched off: localstripe cannot delete one). One fixed name, so
# that each run replaces it instead of adding one; the body goes through stdin to keep the secret
# off the process list.
localstripe_webhook() {
  printf '{"url": "http://127.0.0.1:%s/api/stripe/webhook", "secret": "%s", "events": %s}' "$PORT" "$STRIPE_WEBHOOK_SECRET" "$1" \
    | curl -fsS -o /dev/null --max-time 5 -H 'Content-Type: application/json' --data-binary @- \
        "$LOCALSTRIPE_URL/_config/webhooks/ledgerline-run"
}

registered=0
stripe_line="Stripe: $STRIPE_API_BASE"
if [ "$STRIPE_API_BASE" = "$LOCALSTRIPE_URL" ]; then
  # localstripe has no Checkout and its Stripe.js does cards only: the panel says so (docs/configuration.md).
  export STRIPE_EMULATOR="${STRIPE_EMULATOR:-localstripe}"
  # Set here rather than left to dev mode's default, so that localstripe signs with the same one.
  export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_ledgerline_dev}"
  # What localstripe sends (payment_intent.*, customer.*; never setup_intent.*) arrives signed.
  localstripe_webhook null
  registered=1
  stripe_line="Stripe: localstripe at $LOCALSTRIPE_URL, webhooks registered (no Checkout, no bank accounts)"
fi

# The customers' emails go to mailpit, whose page shows them, unless an SMTP server is configured.
if [ -z "${SMTP_HOST:-}" ]; then
  export SMTP_HOST=127.0.0.1 SMTP_PORT="$MAILPIT_SMTP_PORT" SMTP_STARTTLS=false
  export SMTP_FROM="${SMTP_FROM:-Ledgerline (dev) <billing@ledgerline.local>}"
  mail_line="Emails:     $MAILPIT_URL (mailpit: what the service sent)"
else
  mail_line="Emails:     through $SMTP_HOST"
fi
export BILLING_PANEL_URL="${BILLING_PANEL_URL:-http://localhost:$PORT/}"

# Readable log lines for a terminal; production logs JSON (docs/deployment.md).
export LOG_FORMAT="${LOG_FORMAT:-text}"
# The JVM settings of a deployment (deploy/jvm.options, docs/deployment.md#jvm-settings); JAVA_OPTS adds to them.
# The class-data archive of this jar: written when the first run after a build stops, used from then on.
read -r -a cds <<<"$(cds_option "$JAR")"
case "${cds[*]}" in *ArchiveClassesAtExit*) log "no class-data archive for this build yet: this run writes one when it stops, and the next starts faster";; esac
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
java @deploy/jvm.options "${cds[@]}" ${JAVA_OPTS:-} -jar "$JAR" &
service=$!
# Ctrl-C stops the service (the emulators keep running for the next start), and localstripe stops
# posting to a port where nothing, or something else, may listen next.
stop_service() {
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  if [ "$registered" = 1 ]; then localstripe_webhook '[]' || true; fi
}
trap 'stop_service; exit 130' INT TERM

until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/health" || true)" = 200 ]; do
  if ! kill -0 "$service" 2>/dev/null; then
    wait "$service" && status=0 || status=$?
    log "the service exited ($status) before it was ready; its log is above"
    exit "$status"
  fi
  if [ $((SECONDS - build_done)) -ge 120 ]; then
    log "the service has not been healthy for 120 s; http://127.0.0.1:$PORT/health says:"
    curl -s --max-time 2 "http://127.0.0.1:$PORT/health" >&2 || true
    echo >&2
    break
  fi
  sleep 0.5
done
ready=$SECONDS

cat <<BANNER
------------------------------------------------------------------
 Ledgerline (dev mode) is ready at http://localhost:$PORT
   Started in $((ready - started)) s: emulators $((emulators_done - started)) s, build $((build_done - emulators_done)) s, service $((ready - build_done)) s
   Control panel: http://localhost:$PORT/
   $stripe_line
   API docs:   http://localhost:$PORT/swagger-ui
   $mail_line
   Health:     http://localhost:$PORT/health
   Demo login: $BILLING_DEMO_EMAIL / $BILLING_DEMO_PASSWORD
 Stop with Ctrl-C; 'bash scripts/emulators.sh stop' stops the emulators.
------------------------------------------------------------------
BANNER
wait "$service" && status=0 || status=$?
stop_service
exit "$status"
