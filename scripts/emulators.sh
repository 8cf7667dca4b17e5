#!/usr/bin/env bash
# Starts, stops and reports the local stand-ins on loopback: dynoxide (DynamoDB), stripe-mock and
# localstripe (Stripe), mailpit (an SMTP server whose HTTP API shows what was sent). Idempotent: a running emulator that answers is left alone.
#   scripts/emulators.sh start | stop | status | env
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DYNOXIDE_PORT="${DYNOXIDE_PORT:-18000}"
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
LOCALSTRIPE_PORT="${LOCALSTRIPE_PORT:-8420}"
MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"
mkdir -p "$RUN"

answers() { curl -s -o /dev/null --max-time 2 "$1"; }

running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

wait_for() {
  local name=$1 url=$2
  for _ in $(seq 1 100); do
    if answers "$url"; then return 0; fi
    if ! running "$name"; then log "$name exited; its log:"; tail -n 30 "$RUN/$name.log" >&2; return 1; fi
    sleep 0.1
  done
  log "$name did not answer at $url"; return 1
}

start_one() {
  local name=$1 url=$2; shift 2
  if running "$name" && answers "$url"; then return 0; fi
  if answers "$url"; then log "something else already answers at $url; refusing to start $name"; return 1; fi
  # setsid: the emulator outlives the shell that started it and is stopped by its pid file.
  setsid "$@" >"$RUN/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
  wait_for "$name" "$url"
  log "$name up at $url"
}

stop_one() {
  local name=$1
  if running "$name"; then
    kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do running "$name" || break; sleep 0.1; done
    running "$name" && kill -9 "$(cat "$RUN/$name.pid")" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$RUN/$name.pid"
}

start() {
  bash "$SCRIPTS/deps.sh" all
  local db_args=()
  [ -n "${DYNOXIDE_DB_PATH:-}" ] && db_args=(--db-path "$DYNOXIDE_DB_PATH")
  start_one dynoxide "http://127.0.0.1:$DYNOXIDE_PORT" \
    "$BIN/dynoxide" serve --host 127.0.0.1 --port "$DYNOXIDE_PORT" "${db_args[@]}"
  start_one stripe-mock "http://127.0.0.1:$STRIPE_MOCK_PORT/v1/customers" \
    "$BIN/stripe-mock" -http-addr "127.0.0.1:$STRIPE_MOCK_PORT" -https-addr "127.0.0.1:$((STRIPE_MOCK_PORT + 1))"
  start_one localstripe "http://127.0.0.1:$LOCALSTRIPE_PORT/js.stripe.com/v3/" \
    "$BIN/localstripe" --port "$LOCALSTRIPE_PORT" --from-scratch
  # Messages in memory only (no --database), gone when it stops; any login accepted, as a relay would.
  start_one mailpit "http://127.0.0.1:$MAILPIT_HTTP_PORT/api/v1/info" \
    "$BIN/mailpit" --listen "127.0.0.1:$MAILPIT_HTTP_PORT" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" --max 5000 \
    --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check
}

stop() { for n in mailpit localstripe stripe-mock dynoxide; do stop_one "$n"; done; }

status() {
  for n in dynoxide stripe-mock localstripe mailpit; do
    if running "$n"; then echo "$n: running (pid $(cat "$RUN/$n.pid"))"; else echo "$n: stopped"; fi
  done
}

# Prints the environment that points the service and tests at the emulators.
print_env() {
  cat <<ENV
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$DYNOXIDE_PORT
export AWS_REGION=\${AWS_REGION:-us-east-1}
export AWS_ACCESS_KEY_ID=\${AWS_ACCESS_KEY_ID:-local}
export AWS_SECRET_ACCESS_KEY=\${AWS_SECRET_ACCESS_KEY:-local}
export STRIPE_MOCK_URL=http://127.0.0.1:$STRIPE_MOCK_PORT
export LOCALSTRIPE_URL=http://127.0.0.1:$LOCALSTRIPE_PORT
export MAILPIT_URL=http://127.0.0.1:$MAILPIT_HTTP_PORT
export MAILPIT_SMTP_PORT=$MAILPIT_SMTP_PORT
ENV
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
