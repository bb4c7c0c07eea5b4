#!/usr/bin/env bash
# Measures how long LocalStackMain takes from launch to its READY line, for each server, with a
# fresh state directory each run (first start: storage format / initdb included).
# Usage: local-stack/scripts/measure-startup.sh [runs]   (after: mvn -B -ntp install -pl local-stack -am -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
classpath="target/classes:$(cat target/local-stack-runtime.classpath)"
state="$(mktemp -d /tmp/local-stack-measure.XXXXXX)"
chmod 755 "$state"
trap 'rm -rf "$state"' EXIT

for server in kafka postgres; do
  for run in $(seq "$runs"); do
    dir="$state/$server-$run"
    start=$(date +%s%N)
    coproc SERVER { exec java -cp "$classpath" io.hitorflop.localstack.LocalStackMain "$server" --dir "$dir" 2>/dev/null; }
    while read -r line <&"${SERVER[0]}"; do
      [[ "$line" == READY* ]] && break
    done
    end=$(date +%s%N)
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
    echo "$server run $run: $(( (end - start) / 1000000 )) ms to READY"
  done
done
