package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.DoubleSeries;

import java.util.Arrays;

/**
 * Loudness range (LRA) of EBU Tech 3342: of the 3 s short-term loudness values above the -70 LUFS
 * absolute gate and above a relative gate 20 LU below their power mean, the spread between the
 * 10th and the 95th percentile.
 */
final class LoudnessRange {

    private static final double RELATIVE_GATE_LU = -20.0;

    private LoudnessRange() {
    }

    static double of(DoubleSeries shortTermPowers) {
        double absoluteGate = LoudnessMeter.power(LoudnessMeter.ABSOLUTE_GATE_LUFS);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < shortTermPowers.size(); i++) {
            if (shortTermPowers.get(i) > absoluteGate) {
                sum += shortTermPowers.get(i);
                count++;
            }
        }
        if (count < 2) {
            return 0.0;
        }
        double relativeGate = LoudnessMeter.power(LoudnessMeter.lufs(sum / count) + RELATIVE_GATE_LU);
        double gate = Math.max(absoluteGate, relativeGate);
        double[] loudness = new double[count];
        int kept = 0;
        for (int i = 0; i < shortTermPowers.size(); i++) {
            if (shortTermPowers.get(i) > gate) {
                loudness[kept++] = LoudnessMeter.lufs(shortTermPowers.get(i));
            }
        }
        if (kept < 2) {
            return 0.0;
        }
        double[] sorted = Arrays.copyOf(loudness, kept);
        Arrays.sort(sorted);
        return percentile(sorted, 0.95) - percentile(sorted, 0.10);
    }

    private static double percentile(double[] sorted, double fraction) {
        double position = fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
