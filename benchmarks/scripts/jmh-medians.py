#!/usr/bin/env python3
"""Median, best and median thread CPU of each single-shot JMH case in a -rf json result file.

JMH's own table gives the mean and sums the secondary counter over the iterations; the figures in
docs/performance.md are these medians. Usage: python3 jmh-medians.py jmh-features.json [seconds]
where seconds is the audio length of one analysis (180 for FeatureExtractionBenchmark).
"""
import json
import statistics
import sys

results = json.load(open(sys.argv[1]))
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 180.0
print(f"{'benchmark':<22} {'params':<14} {'median ms':>10} {'best ms':>8} {'cpu ms':>8}   per minute of audio (s): median / best / cpu")
for case in results:
    wall = [x for fork in case["primaryMetric"]["rawData"] for x in fork]
    cpu_metric = case.get("secondaryMetrics", {}).get("threadCpuMs")
    cpu = [x for fork in cpu_metric["rawData"] for x in fork] if cpu_metric else [float("nan")]
    per_minute = 60.0 / seconds / 1000.0
    name = case["benchmark"].rsplit(".", 1)[-1]
    params = ",".join(f"{k}={v}" for k, v in case.get("params", {}).items())
    median, best, cpu_median = statistics.median(wall), min(wall), statistics.median(cpu)
    print(f"{name:<22} {params:<14} {median:>10.1f} {best:>8.1f} {cpu_median:>8.1f}   "
          f"{median * per_minute:.3f} / {best * per_minute:.3f} / {cpu_median * per_minute:.3f}")
