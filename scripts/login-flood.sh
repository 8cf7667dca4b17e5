#!/usr/bin/env bash
# The login-flood load test (not a test of the suite): builds the service, starts dynoxide and
# stripe-mock, then runs tools/bench's LoginFlood, which starts the service jar on loopback and
# prints GET /api/billing/balance p50/p99 alone and during floods of wrong-password logins (a new
# address each time, then one address), the logins' statuses and the service's CPU. Also saved to
# target/bench/login-flood.txt. Knobs: FLOOD_SECONDS (20 per phase), FLOOD_READERS (4), FLOOD_RATE
# (100 logins/s), FLOOD_MAX_IN_FLIGHT (64 logins awaiting an answer at most), FLOOD_UNBOUNDED=1 (the
# login limits lifted, for comparison: expect the service to stop answering).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

start_emulators
trap stop_started_emulators EXIT
build_service
LEDGERLINE_ROOT="$PWD" "${MVN[@]}" -q -f tools/bench/pom.xml compile exec:java@login-flood
