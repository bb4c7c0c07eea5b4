# Shared by scripts/fault-test.sh and scripts/load-test.sh (sourced, not run): builds the packaged
# stack and the e2e-tests harness, starts the stack with ./hitorflop up in a state directory of its
# own on free ports, and stops it on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

build_harness() {
  if [[ "${HITORFLOP_NO_BUILD:-0}" != 1 ]]; then
    echo "building the services and the harness (./mvnw -DskipTests package -pl e2e-tests -am)" >&2
    ./mvnw -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/harness.classpath -pl e2e-tests -am
  fi
  if [[ ! -f "$ROOT/e2e-tests/target/harness.classpath" ]]; then
    echo "e2e-tests/target/harness.classpath is missing: run the script once without HITORFLOP_NO_BUILD=1" >&2
    exit 2
  fi
  HARNESS_CLASSPATH="$ROOT/e2e-tests/target/test-classes:$(cat "$ROOT/e2e-tests/target/harness.classpath")"
}

# Starts the stack; $1 names the run, the other arguments go to ./hitorflop up (--replicas ...). Webhooks are signed with a throw-away secret and may reach
# 127.0.0.1 (the harness's receiver), which the SSRF guard refuses otherwise.
start_stack() {
  export HITORFLOP_HOME="${HITORFLOP_RELIABILITY_HOME:-$(mktemp -d "/tmp/hitorflop-$1.XXXXXX")}"
  # PostgreSQL runs as nobody when we are root: it must be able to enter the directory.
  chmod 755 "$HITORFLOP_HOME"
  export HITORFLOP_NO_BUILD=1
  export HITORFLOP_JAVA_OPTS="${HITORFLOP_JAVA_OPTS:--XX:NativeMemoryTracking=summary}"
  export HITORFLOP_SECURITY_EGRESS_ALLOW_LIST="127.0.0.1/32"
  HITORFLOP_RESULTS_WEBHOOKS_SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
  export HITORFLOP_RESULTS_WEBHOOKS_SECRET
  local name
  for name in ROUTER INGEST RESULTS FEATURE INFERENCE KAFKA POSTGRES; do
    export "HITORFLOP_${name}_PORT=0" # up picks free ports and records them in run/ports.env
  done
  trap stop_stack EXIT
  ./hitorflop up "${@:2}"
}

stop_stack() {
  ./hitorflop down >/dev/null 2>&1 || true
  if [[ "${HITORFLOP_KEEP_STATE:-0}" != 1 ]]; then
    rm -rf "$HITORFLOP_HOME"
  fi
}

# Splits a script's arguments: --replicas V goes to ./hitorflop up (UP_OPTIONS), the rest to the
# harness (HARNESS_OPTIONS).
split_options() {
  UP_OPTIONS=()
  HARNESS_OPTIONS=()
  while (($#)); do
    if [[ "$1" == --replicas ]]; then
      if (($# < 2)); then
        echo "--replicas needs a value, e.g. --replicas feature=2,inference=2" >&2
        exit 2
      fi
      UP_OPTIONS+=(--replicas "$2")
      shift 2
    else
      HARNESS_OPTIONS+=("$1")
      shift
    fi
  done
}

run_harness() {
  java -Xmx1g -cp "$HARNESS_CLASSPATH" "$@"
}
