package io.hitorflop.feature.engine.tempo;

import io.hitorflop.feature.engine.signal.DoubleSeries;
import io.hitorflop.feature.engine.spectral.MelSpectrum;

/**
 * Onset-strength envelope by spectral flux of the log-compressed mel spectrogram (Böck, Krebs &amp;
 * Schedl 2012, without the maximum filter; librosa's {@code onset_strength} is the same with
 * decibels): for each frame, the mean over mel bands of the positive change of
 * log10(1 + 10^8 * power) since the previous frame. The compression is logarithmic above about
 * -80 dB and fades to zero below, so silence, dither and decaying tails do not produce flux.
 *
 * <p>Alongside, the <b>amplitude rise</b>: the positive change of the RMS amplitude of the frame (the
 * square root of its total power, the mel bands scaled back to the power they collect), the
 * amplitude envelope of Scheirer 1998 and Klapuri 1999 in one band. The spectral flux counts how
 * many bands change, so a quiet broadband hi-hat can outweigh a loud kick that moves only a few low
 * bands; the amplitude rise weighs events by their energy instead. {@link MetricalLevel} uses it to
 * tell accented events from subdivisions.
 */
public final class OnsetStrength implements MelSpectrum.Consumer {

    private static final double COMPRESSION = 1e8;

    private final float[] previous;
    private final float[] current;
    private final DoubleSeries envelope = new DoubleSeries();
    private final DoubleSeries amplitudeRise = new DoubleSeries();
    private double previousAmplitude;
    private boolean first = true;

    private final double[] bandPowerScale;

    /** @param bandPowerScale per mel band, the factor to the power it collects ({@code MelFilterBank.bandPowerScale()}) */
    public OnsetStrength(double[] bandPowerScale) {
        this.bandPowerScale = bandPowerScale.clone();
        this.previous = new float[bandPowerScale.length];
        this.current = new float[bandPowerScale.length];
    }

    @Override
    public void accept(float[] melPower) {
        double power = 0;
        for (int band = 0; band < current.length; band++) {
            current[band] = (float) Math.log10(1.0 + COMPRESSION * melPower[band]);
            power += melPower[band] * bandPowerScale[band];
        }
        double amplitude = Math.sqrt(power);
        amplitudeRise.add(first ? 0 : Math.max(0, amplitude - previousAmplitude));
        previousAmplitude = amplitude;
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

    /** One value per analysis frame, aligned with {@link #envelope()}. */
    public double[] amplitudeRise() {
        return amplitudeRise.toArray();
    }
}
