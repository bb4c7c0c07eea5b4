#!/usr/bin/env bash
# Issue 6 items 4 and 5: 500 feature-vector jobs and 50 three-minute audio jobs submitted at once
# to the packaged stack (services, Kafka and PostgreSQL all on this machine). Reports throughput,
# p50/p95/p99 submit-to-verdict latency, each component's peak RSS, and each service's heap, RSS
# and NMT committed memory after a full GC when idle and again after the load.
#
#   scripts/load-test.sh [--vectors 500] [--audio 50] [--audio-seconds 180] [--senders 16] [--rate 0] [--rounds 1]
#                        [--drain-minutes 30] [--settle-seconds 30] [--explain-wait-seconds 120]
#                        [--replicas feature=2,inference=2]
#
# --rate N starts N submissions per second (a constant arrival rate; 0, the default, is a burst: every
# sender as fast as it can), so the latencies show whether the pipeline keeps up with that rate.
# --replicas goes to ./hitorflop up: that many instances of feature-service and inference-service in
# their consumer groups (the memory table then has a row per replica), to compare with one each.
#
# Results: target/reliability/load-results.{json,md} (RELIABILITY_OUT to change). Exit 1 when a
# job did not end DONE. HITORFLOP_NO_BUILD=1 skips the build.
source "$(dirname "${BASH_SOURCE[0]}")/reliability-common.sh"

OUT="${RELIABILITY_OUT:-$ROOT/target/reliability}"
split_options "$@"
build_harness
start_stack load "${UP_OPTIONS[@]}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_harness io.hitorflop.e2e.load.LoadTest --home "$HITORFLOP_HOME" --out "$OUT" "${HARNESS_OPTIONS[@]}"
