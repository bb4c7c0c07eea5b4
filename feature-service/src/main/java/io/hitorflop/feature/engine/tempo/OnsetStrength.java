package io.hitorflop.feature.engine.tempo;

import io.hitorflop.feature.engine.DoubleSeries;
import io.hitorflop.feature.engine.spectral.MelSpectrum;

/**
 * Onset-strength envelope by spectral flux of the log-compressed mel spectrogram (Böck, Krebs &amp;
 * Schedl 2012, without the maximum filter; librosa's {@code onset_strength} is the same with
 * decibels): for each frame, the mean over mel bands of the positive change of
 * log10(1 + 10^8 * power) since the previous frame. The compression is logarithmic above about
 * -80 dB and fades to zero below, so silence, dither and decaying tails do not produce flux.
 */
public final class OnsetStrength implements MelSpectrum.Consumer {

    private static final double COMPRESSION = 1e8;

    private final float[] previous;
    private final float[] current;
    private final DoubleSeries envelope = new DoubleSeries();
    private boolean first = true;

    public OnsetStrength(int bands) {
        this.previous = new float[bands];
        this.current = new float[bands];
    }

    @Override
    public void accept(float[] melPower) {
        for (int band = 0; band < current.length; band++) {
            current[band] = (float) Math.log10(1.0 + COMPRESSION * melPower[band]);
        }
        double flux = 0;
        if (!first) {
            for (int band = 0; band < current.length; band++) {
                float rise = current[band] - previous[band];
                if (rise > 0) {
                    flux += rise;
                }
            }
            flux /= current.length;
        }
        envelope.add(flux);
        System.arraycopy(current, 0, previous, 0, current.length);
        first = false;
    }

    /** One value per analysis frame. */
    public double[] envelope() {
        return envelope.toArray();
    }
}
