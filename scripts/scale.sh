#!/usr/bin/env bash
# The scale test at full size (the default test run has a small version): 50,000 autopay accounts
# with something due and 20,000 open payments written straight into dynoxide, then one autopay
# cycle and one janitor cycle on 1 instance and on 3. Prints the time per cycle and each
# instance's share. Knobs: any BILLING_JOBS_* setting (docs/configuration.md), e.g.
# BILLING_JOBS_AUTOPAY_CONCURRENCY=8.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

start_emulators
bash scripts/build-tools.sh -q
LEDGERLINE_SCALE=full "${MVN[@]}" -q verify -Dui.skip=true -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='dev.ledgerline.scale.*IT'
grep -h -E "^Scale:" target/failsafe-reports/dev.ledgerline.scale.*-output.txt
