package io.hitorflop.feature.engine.tempo;

import io.hitorflop.feature.engine.DoubleSeries;
import io.hitorflop.feature.engine.spectral.MelSpectrum;

/**
 * Onset-strength envelope by log-mel spectral flux (as librosa's {@code onset_strength}, after
 * Böck &amp; Widmer 2013 without the maximum filter): for each frame, the mean over mel bands of the
 * positive change in log power since the previous frame. Log power is floored 80 dB below full
 * scale so that silence and dither do not produce onsets.
 */
public final class OnsetStrength implements MelSpectrum.Consumer {

    private static final double FLOOR_DB = -80.0;

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
            current[band] = (float) Math.max(FLOOR_DB, 10.0 * Math.log10(melPower[band] + 1e-30));
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
