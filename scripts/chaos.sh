#!/usr/bin/env bash
# The full chaos runs of issue 7 (the default test run has a small version of each): the webhook
# storm (~2,000 events over two instances), 1,000 charges under Stripe faults, 600 charges under
# store faults, 50 concurrent payers, the crash recovered by the janitor. Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/emulators.sh start
eval "$(bash scripts/emulators.sh env)"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
mvn -B -q -ntp -f tools/codegen/pom.xml install
mvn -B -q -ntp -f sdk/java/pom.xml install
LEDGERLINE_CHAOS=full mvn -B -q -ntp verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='dev.ledgerline.chaos.*IT'
grep -h -E "^(Webhook storm|Stripe faults|Store faults|Concurrent payers):" target/failsafe-reports/dev.ledgerline.chaos.*-output.txt
