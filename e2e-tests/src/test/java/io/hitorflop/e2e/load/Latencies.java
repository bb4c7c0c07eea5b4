package io.hitorflop.e2e.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency samples and their percentiles by the nearest-rank method. */
final class Latencies {

    private final List<Double> seconds = Collections.synchronizedList(new ArrayList<>());

    void add(double value) {
        seconds.add(value);
    }

    static Latencies merged(Latencies a, Latencies b) {
        Latencies all = new Latencies();
        all.seconds.addAll(a.seconds);
        all.seconds.addAll(b.seconds);
        return all;
    }

    /** The smallest sample with at least {@code percent}% of the samples at or below it. */
    double percentile(double percent) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("n", (double) seconds.size());
        summary.put("p50", percentile(50));
        summary.put("p95", percentile(95));
        summary.put("p99", percentile(99));
        summary.put("max", percentile(100));
        return summary;
    }
}
