#!/usr/bin/env bash
# The test command: installs what is missing, starts the emulators, builds the code generator
# shim and the Java SDK, lints the contract, runs every unit and integration test (the build also
# type-checks and bundles the control panel), fuzzes the contract against the built service
# (scripts/fuzz.sh), then drives the panel in Debian's chromium against it. Works on a fresh machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

trap stop_started_emulators EXIT

# Maven's full output in CI, quiet elsewhere.
quiet=(-q)
if [ "${CI:-}" = "true" ]; then quiet=(); fi

echo "== emulators"
start_emulators

echo "== ui toolchain (redocly, typescript, vite, playwright-core), build tools and the Java SDK (dev.ledgerline:ledgerline-client)"
bash scripts/build-tools.sh "${quiet[@]}"
# The benchmark (scripts/bench.sh) is not run here, but it must keep compiling against the SDK.
"${MVN[@]}" -q -f tools/bench/pom.xml compile

echo "== service: unit and integration tests"
"${MVN[@]}" "${quiet[@]}" verify

echo "== contract fuzzing: schemathesis against the built service (small run; --full in docs/testing.md)"
bash scripts/fuzz.sh

echo "== ui: type-check the panel and its browser test against the generated TypeScript client"
(cd ui && npm run --silent typecheck)

echo "== ui: the billing panel in chromium (screenshots in target/e2e/screenshots)"
bash scripts/deps.sh chromium
(cd ui && npm run --silent e2e)

echo "== all tests passed"
