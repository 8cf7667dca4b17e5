#!/usr/bin/env bash
# The scale test at full size (the default test run has a small version): 50,000 autopay accounts
# with something due and 20,000 open payments written straight into dynoxide, then one autopay
# cycle and one janitor cycle on 1 instance, then (on a freshly started dynoxide: its transactions
# slow down with every transaction of the last 10 minutes) on 3. Prints the time per cycle, each
# instance's share and the speed-up. Knobs: any BILLING_JOBS_* setting (docs/configuration.md),
# e.g. BILLING_JOBS_AUTOPAY_CONCURRENCY=8; LEDGERLINE_SCALE_FLEETS (default "1 3"); LEDGERLINE_SCALE_ACCOUNTS and
# LEDGERLINE_SCALE_OPEN_PAYMENTS (default 50000 and 20000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

bash scripts/build-tools.sh -q
declare -A autopay janitor
for n in ${LEDGERLINE_SCALE_FLEETS:-1 3}; do
  bash scripts/emulators.sh stop >/dev/null 2>&1 || true
  start_emulators
  rm -f "target/scale/result-$n.txt"
  LEDGERLINE_SCALE=full LEDGERLINE_SCALE_INSTANCES="$n" "${MVN[@]}" -q verify -Dui.skip=true -Dtest=NoSuchTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='dev.ledgerline.scale.*IT'
  line=$(cat "target/scale/result-$n.txt")
  echo "$line"
  autopay[$n]=$(sed -E 's/.*autopay ([0-9.]+) s.*/\1/' <<<"$line")
  janitor[$n]=$(sed -E 's/.*janitor ([0-9.]+) s.*/\1/' <<<"$line")
done
bash scripts/emulators.sh stop >/dev/null 2>&1 || true
if [ -n "${autopay[1]:-}" ] && [ -n "${autopay[3]:-}" ]; then
  awk -v a1="${autopay[1]}" -v a3="${autopay[3]}" -v j1="${janitor[1]}" -v j3="${janitor[3]}" \
    'BEGIN { printf "Scale: speed-up with 3 instances: autopay %.2fx, janitor %.2fx\n", a1 / a3, j1 / j3 }'
fi
