#!/usr/bin/env bash
# Where the stack's CPU goes under load: runs scripts/load-test.sh with the given options and, from
# the moment the load starts, samples every JVM of the stack (Kafka, the services, the router) with
# async-profiler (CPU time, 5 ms interval) for --profile-seconds. Writes one collapsed-stack file per
# process (flame-graph input) and a table: each process's sampled CPU seconds and the share spent
# in the JIT compilers (C2, C1), the garbage collector and the rest.
#
#   scripts/profile-load.sh [--profile-seconds 90] <scripts/load-test.sh options>
#   e.g. scripts/profile-load.sh --vectors 10000 --audio 0 --rate 100 --settle-seconds 10 --explain-wait-seconds 0
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, linux-x64). Results:
# target/reliability/profile/ (<process>.collapsed, cpu-by-process.md). HITORFLOP_NO_BUILD=1 skips the build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ASYNC_PROFILER_VERSION=4.1
SECONDS_TO_PROFILE=90
SAMPLE_INTERVAL_MS=5
LOAD_OPTIONS=()
while (($#)); do
  if [[ "$1" == --profile-seconds ]]; then
    SECONDS_TO_PROFILE="$2"
    shift 2
  else
    LOAD_OPTIONS+=("$1")
    shift
  fi
done

OUT="$ROOT/target/reliability/profile"
rm -rf "$OUT"
mkdir -p "$OUT"
./mvnw -B -ntp -q dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
  -DoutputDirectory="$OUT/agent"
unzip -q -o "$OUT/agent/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" 'linux-x64/*' -d "$OUT/agent"
AGENT="$OUT/agent/linux-x64/libasyncProfiler.so"

export HITORFLOP_RELIABILITY_HOME
HITORFLOP_RELIABILITY_HOME="$(mktemp -d /tmp/hitorflop-profile.XXXXXX)"
scripts/load-test.sh "${LOAD_OPTIONS[@]}" > "$OUT/load-test.log" 2>&1 &
LOAD_TEST=$!
until grep -q '^load average before' "$OUT/load-test.log"; do
  if ! kill -0 "$LOAD_TEST" 2>/dev/null; then
    echo "the load test ended before its load started: $OUT/load-test.log" >&2
    exit 1
  fi
  sleep 0.2
done

# jcmd passes the agent's options as one argument only when they are quoted inside the argument
agent() {
  jcmd "$1" JVMTI.agent_load "$AGENT" "\"$2\"" > /dev/null
}

declare -A PIDS
# every process whose command line names the state directory: the components, PostgreSQL, the harness
for process in $(pgrep -f -- "$HITORFLOP_RELIABILITY_HOME(/| |$)"); do
  arguments="$(tr '\0' ' ' < "/proc/$process/cmdline" 2>/dev/null)" || continue
  case "$arguments" in
    *kafka.Kafka*) PIDS[kafka]=$process ;;
    *RouterMain*) PIDS[router]=$process ;;
    */app/*/quarkus-run.jar*)
      # a replica's instance name (inference-2) is its Kafka client-id prefix
      name="$(grep -oE -- '-Dmp.messaging.connector.smallrye-kafka.client-id-prefix=[a-z0-9-]+' <<< "$arguments" \
        | sed -E 's/.*=(.*)-$/\1/' || true)"
      PIDS[${name:-$(sed -E 's|.*/app/([a-z]+)/quarkus-run.jar.*|\1|' <<< "$arguments")}]=$process ;;
  esac
done
for name in "${!PIDS[@]}"; do
  agent "${PIDS[$name]}" "start,event=itimer,interval=${SAMPLE_INTERVAL_MS}ms"
done
sleep "$SECONDS_TO_PROFILE"
for name in "${!PIDS[@]}"; do
  agent "${PIDS[$name]}" "stop,collapsed,file=$OUT/$name.collapsed"
done
wait "$LOAD_TEST" || echo "the load test failed: $OUT/load-test.log" >&2

{
  echo "CPU sampled in the first $SECONDS_TO_PROFILE s of the load (async-profiler, itimer, $SAMPLE_INTERVAL_MS ms):"
  echo
  echo "| process | CPU s | C2 compiler | C1 compiler | GC | the rest |"
  echo "|---|---:|---:|---:|---:|---:|"
  for file in "$OUT"/*.collapsed; do
    awk -v name="$(basename "$file" .collapsed)" -v seconds_per_sample="$(awk "BEGIN { print $SAMPLE_INTERVAL_MS / 1000 }")" '
      { n = $NF; total += n
        if ($0 ~ /C2Compiler::compile_method/) c2 += n
        else if ($0 ~ /Compiler::compile_method/) c1 += n
        else if ($0 ~ /GCTaskThread|VM_GenCollect|GenCollectedHeap::|SerialHeap::/) gc += n }
      END { share = (total > 0) ? 100 / total : 0
            printf "| %s | %.1f | %.0f %% | %.0f %% | %.0f %% | %.0f %% |\n", name, total * seconds_per_sample,
                   c2 * share, c1 * share, gc * share, (total - c2 - c1 - gc) * share }' "$file"
  done
} | tee "$OUT/cpu-by-process.md"
