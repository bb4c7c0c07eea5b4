package io.hitorflop.feature.engine.loudness;

import io.hitorflop.feature.engine.signal.DoubleSeries;

/**
 * Gated integrated loudness of ITU-R BS.1770-4 section 2.8: mean power of the 400 ms blocks above
 * the -70 LUFS absolute gate sets a relative gate 10 LU below it; the loudness of the mean power of
 * the blocks above both gates is the result.
 */
final class IntegratedLoudness {

    private static final double RELATIVE_GATE_LU = -10.0;

    private IntegratedLoudness() {
    }

    static double gated(DoubleSeries blockPowers) {
        double absoluteGate = LoudnessMeter.power(LoudnessMeter.ABSOLUTE_GATE_LUFS);
        double relativeGate = LoudnessMeter.power(
                LoudnessMeter.lufs(meanAbove(blockPowers, absoluteGate)) + RELATIVE_GATE_LU);
        double gatedMean = meanAbove(blockPowers, Math.max(absoluteGate, relativeGate));
        return Double.isNaN(gatedMean) ? LoudnessMeter.ABSOLUTE_GATE_LUFS
                : Math.max(LoudnessMeter.ABSOLUTE_GATE_LUFS, LoudnessMeter.lufs(gatedMean));
    }

    private static double meanAbove(DoubleSeries powers, double gate) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < powers.size(); i++) {
            double power = powers.get(i);
            if (power > gate) {
                sum += power;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
