package io.hitorflop.feature.engine.spectral;

/**
 * Triangular mel filters on the Slaney (Auditory Toolbox) mel scale with area normalisation, as
 * librosa's default {@code mel(htk=False, norm='slaney')}. Stored sparsely: each band keeps only
 * the bins it covers.
 */
public final class MelFilterBank {

    private final int[] firstBin;
    private final float[][] weights;
    private final double[] halfWidthsHz;

    public MelFilterBank(int bands, int fftSize, double sampleRate, double minHz, double maxHz) {
        double minMel = hzToMel(minHz);
        double maxMel = hzToMel(maxHz);
        double[] edgesHz = new double[bands + 2];
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(minMel + (maxMel - minMel) * i / (bands + 1));
        }
        int bins = fftSize / 2 + 1;
        firstBin = new int[bands];
        weights = new float[bands][];
        halfWidthsHz = new double[bands];
        for (int band = 0; band < bands; band++) {
            double lower = edgesHz[band];
            double centre = edgesHz[band + 1];
            double upper = edgesHz[band + 2];
            double areaNorm = 2.0 / (upper - lower);
            halfWidthsHz[band] = (upper - lower) / 2;
            int from = Math.max(0, (int) Math.ceil(lower * fftSize / sampleRate));
            int to = Math.min(bins - 1, (int) Math.floor(upper * fftSize / sampleRate));
            if (to < from) {
                to = from;
            }
            float[] w = new float[to - from + 1];
            for (int bin = from; bin <= to; bin++) {
                double hz = bin * sampleRate / fftSize;
                double rising = (hz - lower) / (centre - lower);
                double falling = (upper - hz) / (upper - centre);
                w[bin - from] = (float) (Math.max(0, Math.min(rising, falling)) * areaNorm);
            }
            firstBin[band] = from;
            weights[band] = w;
        }
    }

    /**
     * Per band, the factor that turns its (area-normalised) value back into the spectral power it
     * collects: half the triangle's base in Hz. The scaled bands sum to about the total power.
     */
    public double[] bandPowerScale() {
        return halfWidthsHz.clone();
    }

    public int bands() {
        return weights.length;
    }

    /** Mel-band power of one power spectrum into {@code out}. */
    public void apply(float[] power, float[] out) {
        for (int band = 0; band < weights.length; band++) {
            float[] w = weights[band];
            int from = firstBin[band];
            float sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * power[from + i];
            }
            out[band] = sum;
        }
    }

    /** Slaney: linear below 1 kHz (200/3 Hz per mel), logarithmic above. */
    static double hzToMel(double hz) {
        double linearLimitHz = 1000.0;
        double hzPerMel = 200.0 / 3.0;
        double logStep = Math.log(6.4) / 27.0;
        return hz < linearLimitHz ? hz / hzPerMel
                : linearLimitHz / hzPerMel + Math.log(hz / linearLimitHz) / logStep;
    }

    static double melToHz(double mel) {
        double linearLimitHz = 1000.0;
        double hzPerMel = 200.0 / 3.0;
        double logStep = Math.log(6.4) / 27.0;
        double linearLimitMel = linearLimitHz / hzPerMel;
        return mel < linearLimitMel ? mel * hzPerMel : linearLimitHz * Math.exp(logStep * (mel - linearLimitMel));
    }
}
