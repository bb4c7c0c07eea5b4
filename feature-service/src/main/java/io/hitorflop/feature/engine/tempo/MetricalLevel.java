package io.hitorflop.feature.engine.tempo;

import java.util.Arrays;

/**
 * Chooses between metrical levels an octave apart (the autocorrelation supports a period and its
 * double almost equally) by the accent rule of metrical analysis: beats fall on the accented events,
 * the weaker ones between them are subdivisions (Lerdahl &amp; Jackendoff 1983, metrical preference
 * rule 3; Klapuri, Eronen &amp; Astola 2006 pick tactus and tatum from accent signals likewise).
 * The accent is the amplitude rise (see {@link OnsetStrength}), which weighs onsets by their energy:
 * the spectral flux counts changed bands, so an off-beat hi-hat there is as strong as a kick, and a
 * snare stronger than a kick that is only a low sine.
 *
 * <p>The amplitude rise is folded at the slower period in 8 s windows, and the strength halfway
 * between the slower beats is compared with the strength on them (both above the fold's floor,
 * median over the windows). When it is at least {@value #AMPLITUDE_HALFWAY_SHARE} (-15 dB), the
 * halfway onsets are beats too and the faster level is the tempo; below, they are subdivisions and
 * the slower level is. Measured shares (TempoAccuracyTest): off-beat and eighth-note hi-hats
 * 0.00-0.08, a snare backbeat against the kick 0.38-0.57, identical clicks 0.86-1.0; the threshold
 * is the geometric middle of 0.08 and 0.38. When the amplitude rise has no onsets, the spectral
 * flux decides with {@value #FLUX_HALFWAY_SHARE}. Both thresholds are raised by
 * {@link PreferredTempo#doublingReluctance} when the faster level lies further from the tempo
 * listeners prefer to tap than the slower one: in rendered music the eighth notes between the beats
 * are often as loud as the beats (halfway shares 0.2-0.9 at the notated tempo on the development
 * corpus), and the bare rule doubled 46 of its 169 files.
 */
final class MetricalLevel {

    static final double AMPLITUDE_HALFWAY_SHARE = 0.17;
    static final double FLUX_HALFWAY_SHARE = 0.5;
    private static final double WINDOW_SECONDS = 8.0;

    private MetricalLevel() {
    }

    static double choose(double[] flux, double[] amplitudeRise, double framesPerSecond, double bpm,
                         double minBpm, double maxBpm) {
        double chosen = bpm;
        while (chosen * 2 <= maxBpm && halfwayAreBeats(flux, amplitudeRise, framesPerSecond, chosen)) {
            chosen *= 2;
        }
        if (chosen != bpm) {
            return chosen;
        }
        while (chosen / 2 >= minBpm && !halfwayAreBeats(flux, amplitudeRise, framesPerSecond, chosen / 2)) {
            chosen /= 2;
        }
        return chosen;
    }

    /**
     * Whether the onsets halfway between the beats at this tempo are beats of the tempo twice as fast:
     * judged on the amplitude rise, or on the spectral flux when the amplitude rise has no onsets.
     */
    static boolean halfwayAreBeats(double[] flux, double[] amplitudeRise, double framesPerSecond, double bpm) {
        double share = halfwayShare(amplitudeRise, framesPerSecond, bpm);
        double reluctance = PreferredTempo.doublingReluctance(bpm);
        if (Double.isNaN(share)) {
            return halfwayShare(flux, framesPerSecond, bpm) >= FLUX_HALFWAY_SHARE * reluctance;
        }
        return share >= AMPLITUDE_HALFWAY_SHARE * reluctance;
    }

    /**
     * Median over windows of (strength halfway between beats) / (strength on the beats) at the given
     * tempo; NaN when no window has onsets.
     */
    static double halfwayShare(double[] envelope, double framesPerSecond, double bpm) {
        double period = 60.0 * framesPerSecond / bpm;
        int bins = Math.max(4, (int) Math.round(period));
        int window = (int) Math.max(2 * period, Math.round(WINDOW_SECONDS * framesPerSecond));
        int windows = Math.max(1, envelope.length / window);
        double[] shares = new double[windows];
        int counted = 0;
        double[] sums = new double[bins];
        int[] counts = new int[bins];
        for (int w = 0; w < windows; w++) {
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            int end = Math.min(envelope.length, (w + 1) * window);
            for (int t = w * window; t < end; t++) {
                int bin = (int) ((t % period) / period * bins) % bins;
                sums[bin] += envelope[t];
                counts[bin]++;
            }
            double floor = Double.MAX_VALUE;
            int peak = 0;
            double[] means = new double[bins];
            for (int b = 0; b < bins; b++) {
                means[b] = counts[b] == 0 ? 0 : sums[b] / counts[b];
                floor = Math.min(floor, means[b]);
                if (means[b] > means[peak]) {
                    peak = b;
                }
            }
            double onBeat = means[peak] - floor;
            if (onBeat <= 0) {
                continue;
            }
            double halfway = 0;
            for (int d = -1; d <= 1; d++) {
                halfway = Math.max(halfway, means[Math.floorMod(peak + bins / 2 + d, bins)] - floor);
            }
            shares[counted++] = halfway / onBeat;
        }
        if (counted == 0) {
            return Double.NaN;
        }
        double[] valid = Arrays.copyOf(shares, counted);
        Arrays.sort(valid);
        return valid[counted / 2];
    }
}
