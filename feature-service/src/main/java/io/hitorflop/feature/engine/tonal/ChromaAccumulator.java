package io.hitorflop.feature.engine.tonal;

import io.hitorflop.feature.engine.spectral.SpectrumConsumer;

/**
 * STFT-based chroma (Fujishima 1999; Bartsch &amp; Wakefield 2001): the magnitude of every bin between
 * C2 (65 Hz) and C7 (2093 Hz) is added to its pitch class (A4 = 440 Hz), weighted by how close the
 * bin lies to the semitone centre so that leakage between neighbouring semitones counts less. Frames
 * are summed without normalisation, so loud passages weigh more than near-silence. Needs a long
 * frame (8192 samples at 22.05 kHz, 2.7 Hz per bin) to separate semitones in the bass.
 */
public final class ChromaAccumulator implements SpectrumConsumer {

    private static final double LOWEST_HZ = 65.406;
    private static final double HIGHEST_HZ = 2093.0;

    private final int firstBin;
    private final int[] pitchClass;
    private final float[] weight;
    private final double[] sums = new double[12];

    public ChromaAccumulator(int fftSize, double sampleRate) {
        int from = (int) Math.ceil(LOWEST_HZ * fftSize / sampleRate);
        int to = Math.min(fftSize / 2, (int) Math.floor(HIGHEST_HZ * fftSize / sampleRate));
        firstBin = from;
        pitchClass = new int[Math.max(0, to - from + 1)];
        weight = new float[pitchClass.length];
        for (int bin = from; bin <= to; bin++) {
            double midi = 69.0 + 12.0 * Math.log(bin * sampleRate / fftSize / 440.0) / Math.log(2);
            long nearest = Math.round(midi);
            double distance = Math.abs(midi - nearest);
            pitchClass[bin - from] = (int) Math.floorMod(nearest, 12);
            double closeness = 1.0 - 2.0 * distance;
            weight[bin - from] = (float) (closeness * closeness);
        }
    }

    @Override
    public void accept(float[] power, float[] magnitude) {
        for (int i = 0; i < pitchClass.length; i++) {
            sums[pitchClass[i]] += weight[i] * magnitude[firstBin + i];
        }
    }

    /** Summed energy per pitch class, C first. */
    public double[] chroma() {
        return sums.clone();
    }
}
