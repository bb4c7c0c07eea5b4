package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.DoubleSeries;

/** Block powers of a piecewise-constant loudness, as the meter computes them from K-weighted audio. */
final class LevelSteps {

    private static final int BLOCKS_PER_SECOND = 10;

    private LevelSteps() {
    }

    /**
     * Powers of windows of {@code windowSeconds} every 100 ms over segments "lufs:seconds,...", each
     * the mean power of the 100 ms steps it covers (what the meter computes from K-weighted audio).
     */
    static DoubleSeries windowPowers(String segments, double windowSeconds) {
        DoubleSeries steps = new DoubleSeries();
        for (String segment : segments.split(",")) {
            String[] levelAndSeconds = segment.split(":");
            double power = LoudnessMeter.power(Double.parseDouble(levelAndSeconds[0]));
            for (int i = 0; i < Double.parseDouble(levelAndSeconds[1]) * BLOCKS_PER_SECOND; i++) {
                steps.add(power);
            }
        }
        int window = (int) Math.round(windowSeconds * BLOCKS_PER_SECOND);
        DoubleSeries windows = new DoubleSeries();
        for (int end = window; end <= steps.size(); end++) {
            double sum = 0;
            for (int i = end - window; i < end; i++) {
                sum += steps.get(i);
            }
            windows.add(sum / window);
        }
        return windows;
    }
}
