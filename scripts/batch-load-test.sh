#!/usr/bin/env bash
# Issue 16 item 4, the catalogue line: a catalogue of N spotify feature vectors scored by
# `./hitorflop analyze catalogue.csv` (one batch through the router) on the packaged stack, for each
# size in --rows, one after the other on the same stack. Checks the results file exactly (one line
# per input row, every id once, every status final) and reports submit time, time to complete,
# rows/s, p50/p99 of row completion, each component's peak RSS and peak PSS (shared pages counted
# once: PostgreSQL's backends), CPU seconds, and the load average; and each service's and the
# router's heap, RSS, PSS and NMT after a full GC before the first size and after each, with a class
# histogram. A size given twice (--rows 10000,100000,100000) is a second, different catalogue of
# that size: memory that does not grow from the first to the second does not grow with the rows.
#
#   scripts/batch-load-test.sh [--rows 10000,100000] [--timeout-minutes 30] [--jfr true]
#                              [--replicas feature=2,inference=2]
#
# --jfr true records a JFR profile of each service during each size's run (<service>-<run>-<rows>.jfr).
# Results: target/reliability/batch-load-results.{json,md} and the catalogues and results files
# (RELIABILITY_OUT to change). Exit 1 when a run was not exact. HITORFLOP_NO_BUILD=1 skips the build.
source "$(dirname "${BASH_SOURCE[0]}")/reliability-common.sh"

OUT="${RELIABILITY_OUT:-$ROOT/target/reliability}"
split_options "$@"
build_harness
start_stack batch-load "${UP_OPTIONS[@]}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_harness io.hitorflop.e2e.load.BatchLoadTest --home "$HITORFLOP_HOME" --out "$OUT" "${HARNESS_OPTIONS[@]}"
