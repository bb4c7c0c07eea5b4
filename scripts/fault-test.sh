#!/usr/bin/env bash
# Issue 6 item 3: fault scenarios on the packaged stack, all on this machine. For each of ingest,
# feature, inference and results: 50 audio + 200 feature-vector jobs submitted, the service killed
# with SIGKILL when half are answered and restarted; then the same with the Kafka broker and
# PostgreSQL restarted. Checks in PostgreSQL, on the verdicts topic and at a local webhook receiver
# that every accepted job ended exactly once.
#
#   scripts/fault-test.sh [--audio 50] [--vectors 200] [--song-seconds 20] [--drain-minutes 10]
#                         [--scenarios ingest,feature,inference,results,kafka,postgres]
#
# Results: target/reliability/fault-results.{json,md} (RELIABILITY_OUT to change). Exit 1 when a
# job was lost or duplicated. HITORFLOP_NO_BUILD=1 skips the build.
source "$(dirname "${BASH_SOURCE[0]}")/reliability-common.sh"

OUT="${RELIABILITY_OUT:-$ROOT/target/reliability}"
build_harness
start_stack fault
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_harness io.hitorflop.e2e.fault.FaultTest --home "$HITORFLOP_HOME" --out "$OUT" "$@"
