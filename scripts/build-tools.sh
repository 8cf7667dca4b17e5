#!/usr/bin/env bash
# What every build of the service needs first: the UI's npm dependencies (the panel is bundled by
# the Maven build), the code generator's public subclass, and the generated Java SDK installed in
# the local Maven repository (the tests, the benchmark and the fuzz seeding use it).
#   scripts/build-tools.sh [mvn options, e.g. -q]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SCRIPTS/.."

(cd ui && npm ci --no-audit --no-fund --loglevel=error)
"${MVN[@]}" "$@" -f tools/codegen/pom.xml install
"${MVN[@]}" "$@" -f sdk/java/pom.xml install
