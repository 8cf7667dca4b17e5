# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this
# What the scripts share; sourced, never run on its own:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It only sets variables and defines functions: no directory change, nothing created.

# This folder, absolute, so that it still holds after a script changes directory.
SCRIPTS="$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"

# Everything installed or kept between runs is under $LEDGERLINE_CACHE, so a fresh clone reuses it.
CACHE="${LEDGERLINE_CACHE:-$HOME/.cache/ledgerline}"
BIN="$CACHE/bin"                          # the emulators (scripts/deps.sh)
RUN="${LEDGERLINE_RUN_DIR:-$CACHE/run}"   # their pid files and logs (scripts/emulators.sh)
FUZZ_VENV="$CACHE/fuzz-venv"              # schemathesis (scripts/deps.sh schemathesis)

# The service jar the Maven build makes, relative to the repository root.
JAR="target/ledgerline-0.1.0-SNAPSHOT.jar"

# Maven in batch mode, without download progress; add -q where the output is not wanted.
MVN=(mvn -B -ntp)

# A line to stderr tagged with the script's name: "[deps] ..." from scripts/deps.sh.
log() {
  local tag="${0##*/}"
  echo "[${tag%.sh}] $*" >&2
}

# Starts the emulators (installing what is missing) and exports the variables that point the
# service and the tests at them. Sets STARTED_EMULATORS=1 when one of them was not running before.
STARTED_EMULATORS=0
start_emulators() {
  if grep -q "stopped" <<<"$(bash "$SCRIPTS/emulators.sh" status)"; then STARTED_EMULATORS=1; fi
  bash "$SCRIPTS/emulators.sh" start
  eval "$(bash "$SCRIPTS/emulators.sh" env)"
}

# For an EXIT trap: stops the emulators if start_emulators started them, unless KEEP_EMULATORS=1.
stop_started_emulators() {
  if [ "$STARTED_EMULATORS" = 1 ] && [ "${KEEP_EMULATORS:-0}" != 1 ]; then
    bash "$SCRIPTS/emulators.sh" stop
  fi
}

# Whether the jar is newer than everything it is built from (a build rewrites it even when nothing
# changed, which would also void its class-data archive). LEDGERLINE_REBUILD=1 says no.
jar_up_to_date() {
  [ "${LEDGERLINE_REBUILD:-0}" != 1 ] && [ -f "$JAR" ] \
    && [ -z "$(find src openapi ui/src ui/package.json ui/package-lock.json ui/vite.config.ts pom.xml \
                 tools/codegen sdk/java/pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]
}

# The build tools (scripts/build-tools.sh), then the service jar, quietly, without tests.
build_service() {
  bash "$SCRIPTS/build-tools.sh" -q
  "${MVN[@]}" -q package -DskipTests
}

# AppCDS for the jar (docs/deployment.md#jvm-settings): the JVM options that use the class-data
# archive made for this very jar, or, while there is none, the ones that write it when the JVM
# exits (the first run trains; later ones start in about half the time). One archive per jar
# build (the JVM itself refuses an archive made for another one), under $CACHE/cds; older ones are
# removed. Its log is off: writing an archive lists hundreds of classes it leaves out.
cds_option() {
  local jar=$1 dir="$CACHE/cds" key
  key=$(stat -c '%s-%Y' "$jar")
  mkdir -p "$dir"
  local archive="$dir/ledgerline-$key.jsa"
  find "$dir" -name 'ledgerline-*.jsa' ! -name "ledgerline-$key.jsa" -delete
  if [ -s "$archive" ]; then
    echo "-Xlog:cds*=off -XX:SharedArchiveFile=$archive"
  else
    echo "-Xlog:cds*=off -XX:ArchiveClassesAtExit=$archive"
  fi
}
