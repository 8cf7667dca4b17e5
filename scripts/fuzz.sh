#!/usr/bin/env bash
# Contract fuzzing: schemathesis sends generated requests (valid and invalid) for every operation
# of openapi/billing.yaml to the built service, running in dev mode against dynoxide and
# stripe-mock, as a signed-up user (session headers) and as a calling service (service key), and
# checks every answer against the contract: no 5xx, only documented status codes, content types,
# headers and bodies that match their schemas. Prints the requests sent and the failures; exits
# non-zero on any failure.
#
#   scripts/fuzz.sh           the small run (~1,000 requests in ~30 s, part of scripts/test.sh)
#   scripts/fuzz.sh --full    the full run (>= 5,000 requests)
#
# FUZZ_SEED, FUZZ_MAX_EXAMPLES and FUZZ_WORKERS override the run's seed and size. The service's
# log, schemathesis' reports (JSON summary, HAR of every request) and its output go to target/fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${LEDGERLINE_CACHE:-$HOME/.cache/ledgerline}"
VENV="$CACHE/fuzz-venv"   # scripts/deps.sh installs schemathesis there
OUT="target/fuzz"
JAR="target/ledgerline-0.1.0-SNAPSHOT.jar"

full=0
for arg in "$@"; do
  case "$arg" in
    --full) full=1 ;;
    *) echo "usage: $0 [--full]" >&2; exit 2 ;;
  esac
done
# Examples per operation and phase. The coverage phase's fixed sweep (~750 requests: boundaries,
# wrong types, missing parts, other methods) does not depend on it; with it the small run is about
# 1,000 requests in under a minute and the full one over 5,000 (about 7,000) in ~3 minutes.
if [ "$full" = 1 ]; then max_examples="${FUZZ_MAX_EXAMPLES:-200}"; else max_examples="${FUZZ_MAX_EXAMPLES:-5}"; fi
seed="${FUZZ_SEED:-20261124}"
# One worker: hypothesis under CPython 3.11 intermittently fails with "AST constructor recursion
# depth mismatch" when several threads build strategies at once (a CPython bug).
workers="${FUZZ_WORKERS:-1}"

log() { echo "[fuzz] $*" >&2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# A field of a JSON document on stdin.
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

started_emulators=0
service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  if [ "$started_emulators" = 1 ] && [ "${KEEP_EMULATORS:-0}" != 1 ]; then bash scripts/emulators.sh stop; fi
}
trap cleanup EXIT

bash scripts/deps.sh schemathesis   # schemathesis 4.32.5 into $CACHE/fuzz-venv, once

bash scripts/emulators.sh status | grep -q "stopped" && started_emulators=1
bash scripts/emulators.sh start
eval "$(bash scripts/emulators.sh env)"

if [ ! -f "$JAR" ]; then
  log "building the service (no $JAR yet)"
  bash scripts/build-tools.sh -q
  mvn -B -q -ntp package -DskipTests
fi

rm -rf "$OUT"
mkdir -p "$OUT"
port="$(free_port)"
base="http://127.0.0.1:$port"
service_key="fuzz-$(random_hex 14)"   # 33 characters
table="ledgerline-fuzz-$(random_hex 6)"
webhook_secret="whsec_ledgerline_fuzz_$(random_hex 8)"

log "starting the service at $base (dev mode, stripe-mock, table ledgerline-fuzz-*)"
(
  export PORT="$port" BILLING_DEV_MODE=true BILLING_TABLE_NAME="$table"
  export BILLING_SIGNUP_ENABLED=true BILLING_JOBS_ENABLED=false BILLING_SERVICE_API_KEYS="$service_key"
  # Only the tests' cheaper hashing (the code path is the same): sign-up and login are fuzzed too.
  export BILLING_PASSWORD_HASH_ITERATIONS=10000
  # stripe-mock refuses a secret key with a second underscore as invalid credentials.
  export STRIPE_API_BASE="$STRIPE_MOCK_URL" STRIPE_SECRET_KEY=sk_test_ledgerlinefuzz
  export STRIPE_PUBLISHABLE_KEY=pk_test_ledgerline_fuzz STRIPE_WEBHOOK_SECRET="$webhook_secret"
  exec java -jar "$JAR"
) >"$OUT/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
  if curl -sf -o /dev/null "$base/health"; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null; then log "the service exited; its log:"; tail -n 40 "$OUT/service.log" >&2; exit 1; fi
  sleep 0.5
done
curl -sf -o /dev/null "$base/health" || { log "the service did not answer at $base/health"; exit 1; }

# The user the fuzzer acts as.
email="fuzz-$(random_hex 4)@ledgerline.local"
password="fuzz-$(random_hex 12)"
curl -sf -H 'Content-Type: application/json' -o /dev/null \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"accountName\":\"Fuzz\"}" "$base/api/auth/signup"
login="$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/auth/login")"
export FUZZ_SESSION_ID FUZZ_SESSION_TOKEN FUZZ_SERVICE_KEY="$service_key"
FUZZ_SESSION_ID="$(json_field sessionId <<<"$login")"
FUZZ_SESSION_TOKEN="$(json_field token <<<"$login")"

# Real ids for the fuzzer to use half of the time (the other half are generated): the account, two
# saved cards (one that DELETE may remove, one the payment calls use), a pending charge to settle.
seed_ids="$(FUZZ_TABLE="$table" FUZZ_WEBHOOK_SECRET="$webhook_secret" FUZZ_JAR="$JAR" python3 scripts/fuzz-seed.py "$base")"
config="$OUT/schemathesis.toml"
cat scripts/fuzz.toml - >"$config" <<TOML

# Generated by scripts/fuzz.sh from scripts/fuzz-seed.py's ids.
[dictionaries.account]
values = ["$(json_field accountId <<<"$seed_ids")"]

[dictionaries.kept_card]
values = ["$(json_field keptCard <<<"$seed_ids")"]

[dictionaries.removable_card]
values = ["$(json_field removableCard <<<"$seed_ids")"]

[dictionaries.pending_entry]
values = ["$(json_field pendingEntry <<<"$seed_ids")"]

[parameters]
"path.accountId" = { dictionary = "account", probability = 0.5 }
"path.entryId" = { dictionary = "pending_entry", probability = 0.5 }
"path.payment_method_id" = { dictionary = "removable_card", probability = 0.5 }
"body.paymentMethodId" = { dictionary = "kept_card", probability = 0.5 }
TOML

# Runs schemathesis with scripts/fuzz.toml plus the seeded ids (credentials per operation's security);
# $1 names the reports, the rest are extra options.
run_schemathesis() {
  local name=$1; shift
  "$VENV/bin/schemathesis" --config-file "$config" run openapi/billing.yaml \
    --url "$base" --seed "$seed" --max-examples "$max_examples" --workers "$workers" \
    --report json,har --report-json-path "$OUT/$name.json" --report-har-path "$OUT/$name.har.json" \
    --no-color "$@" 2>&1 | tee "$OUT/$name.txt"
  return "${PIPESTATUS[0]}"
}

log "fuzzing every operation ($( [ "$full" = 1 ] && echo full || echo small ) run: seed $seed, $max_examples examples per operation and phase)"
status=0
# Logout ends the session the rest of the run acts with, so it is fuzzed on its own, last.
run_schemathesis operations --exclude-operation-id logout || status=$?
run_schemathesis logout --include-operation-id logout || status=$?

# Counts the requests the HAR reports recorded and the failures the JSON reports name.
python3 - "$OUT" "$full" <<'PY' || status=$?
import json, sys
out, full = sys.argv[1], sys.argv[2] == "1"
requests = cases = 0
failures = []
statuses = {}
for name in ("operations", "logout"):
    with open(f"{out}/{name}.har.json") as f:
        entries = json.load(f)["log"]["entries"]
    requests += len(entries)
    for e in entries:
        code = e["response"]["status"] if e.get("response") else 0
        statuses[code] = statuses.get(code, 0) + 1
    with open(f"{out}/{name}.json") as f:
        report = json.load(f)
    cases += report["test_cases"]["generated"]
    failures += report["failures"] + [{"title": e["title"], "count": e["count"], "operations": []} for e in report["errors"]]
server_errors = sum(n for code, n in statuses.items() if code >= 500 or code == 0)
print(f"[fuzz] requests sent: {requests} ({cases} test cases); by status: "
      + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
print(f"[fuzz] 5xx responses: {server_errors}; failures: {sum(f['count'] for f in failures)}")
for f in failures:
    print(f"[fuzz]   {f['title']} x{f['count']} {' '.join(f.get('operations') or [])}")
if full and requests < 5000:
    print(f"[fuzz] the full run must send at least 5,000 requests, it sent {requests}")
    sys.exit(1)
sys.exit(1 if failures or server_errors else 0)
PY

if [ "$status" = 0 ]; then log "contract fuzzing passed"; else log "contract fuzzing FAILED (reports and the service's log in $OUT)"; fi
exit "$status"
