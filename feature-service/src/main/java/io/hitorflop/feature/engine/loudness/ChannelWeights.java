package io.hitorflop.feature.engine.loudness;

import java.util.Arrays;

/**
 * Per-channel weights G_i of ITU-R BS.1770-4 table 3: 1.0 for left, right and centre, 1.41 (+1.5 dB)
 * for the surrounds, 0 for the LFE channel (excluded). Channel order is ffmpeg's for the layout.
 */
final class ChannelWeights {

    private static final double SURROUND = 1.41;

    private ChannelWeights() {
    }

    static double[] forLayout(String layout, int channels) {
        double[] weights = new double[channels];
        Arrays.fill(weights, 1.0);
        switch (layout) {
            // FL FR FC LFE BL BR / FL FR FC LFE SL SR
            case "5.1", "5.1(side)" -> setSurround(weights, 3, 4, 5);
            // FL FR FC LFE BL BR SL SR
            case "7.1", "7.1(wide)", "7.1(wide-side)" -> setSurround(weights, 3, 4, 5, 6, 7);
            // FL FR FC BL BR / FL FR FC SL SR
            case "5.0", "5.0(side)" -> setSurround(weights, -1, 3, 4);
            // FL FR BL BR
            case "quad", "quad(side)" -> setSurround(weights, -1, 2, 3);
            default -> {
                // mono, stereo and unknown layouts: every channel counts fully
            }
        }
        return weights;
    }

    private static void setSurround(double[] weights, int lfe, int... surrounds) {
        if (lfe >= 0 && lfe < weights.length) {
            weights[lfe] = 0.0;
        }
        for (int channel : surrounds) {
            if (channel < weights.length) {
                weights[channel] = SURROUND;
            }
        }
    }
}
