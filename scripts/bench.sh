#!/usr/bin/env bash
# The benchmark (not a test): builds the service, starts dynoxide and stripe-mock, then
# runs tools/bench, which starts the service jar itself and prints the table (also saved to
# target/bench/results.md). It runs its own dynoxide (see tools/bench/.../Dynoxide.java for why).
# Knobs: BENCH_SECONDS (15), BENCH_WARMUP_SECONDS (20, each row), BENCH_SERVICE_WARMUP_SECONDS (45, each
# request kind once, before the service rows), BENCH_CONCURRENCY (8), BENCH_BIG_LEDGER (100000),
# BENCH_ONLY (only the rows whose names contain it), BENCH_SERVICE_JAVA_OPTS (e.g. a JFR recording),
# BENCH_SERVICE_MEMORY (1g), BENCH_LOAD=java (no oha rows), BENCH_PRICE_RRU / BENCH_PRICE_WRU; docs/benchmark.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

start_emulators
build_service
# stripe-mock's pid: its CPU is metered too (the webhook row re-fetches the intent from it).
BENCH_STRIPE_PID="$(cat "$RUN/stripe-mock.pid" 2>/dev/null || true)" \
BENCH_OHA="${BENCH_OHA:-$BIN/oha}" DYNOXIDE_BIN="$BIN/dynoxide" LEDGERLINE_ROOT="$PWD" "${MVN[@]}" -q -f tools/bench/pom.xml compile exec:java
