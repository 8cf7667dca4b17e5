#!/usr/bin/env bash
# The chaos suite at full size (the default test run has a small version of each): the webhook
# storm (~2,000 events over two instances), 1,000 charges under Stripe faults, 600 charges under
# store faults, 50 concurrent payers, the crash recovered by the janitor. Prints the figures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

start_emulators
bash scripts/build-tools.sh -q
LEDGERLINE_CHAOS=full "${MVN[@]}" -q verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='dev.ledgerline.chaos.*IT'
grep -h -E "^(Webhook storm|Stripe faults|Store faults|Concurrent payers):" target/failsafe-reports/dev.ledgerline.chaos.*-output.txt
