package io.hitorflop.feature.engine;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a measured track has musical content, so that the models, trained on songs, are
 * not asked to judge silence, a test tone or noise. It reads only what the engine already measured
 * and fails a track with {@code not-music} on the first of three tests that applies:
 * <ol>
 *   <li><b>silence</b>: integrated loudness at or below {@code silenceLufs} (default -70 LUFS, the
 *       absolute gate of ITU-R BS.1770-4: not one 400 ms block is louder);</li>
 *   <li><b>no beats and no key</b> (noise, rumble, a hum below the chroma range): pulse strength
 *       below {@code minPulseStrength} (default 0.3) and key correlation below
 *       {@code minKeyCorrelation} (default 0.5, {@code KeyEstimator}'s own threshold for a key, which
 *       also refuses a flat chroma). The tempo estimator reports a pulse from 0.1, but noise reaches
 *       that by chance: white, pink and brown noise (60 files, 2 to 20 s, seeds 1-26) measured at
 *       most 0.11 at 8 s and longer and up to 0.25 on clips of 2 to 7 s, while the music of the
 *       tests measures 0.82 to 0.96; 0.3 is their geometric middle (0.1 x 0.9);</li>
 *   <li><b>a steady tone</b>: no beats, and fewer than {@code minPitchClasses} (default 3) pitch
 *       classes reach half the chroma of the strongest. A sine, or a hum with its harmonics, holds
 *       one or two pitch classes, on which the key correlation can still pass 0.5 (a hum at 60 Hz
 *       with two harmonics gives 0.60); a key is a scale, and the smallest chord, a triad, already
 *       holds three.</li>
 * </ol>
 * Either a pulse or a key over three pitch classes is enough to be music: a click track (beats, no
 * key) and a chord bed without drums (a key, no beats) pass.
 */
public final class MusicalContentCheck {

    private static final double PITCH_CLASS_SHARE = 0.5;

    /**
     * @param silenceLufs       integrated loudness at or below which a track is silence
     * @param minPulseStrength  pulse strength from which a track has beats
     * @param minKeyCorrelation key-profile correlation from which a track has a key
     * @param minPitchClasses   pitch classes (at least half the strongest's chroma) a beatless track needs
     */
    public record Thresholds(double silenceLufs, double minPulseStrength, double minKeyCorrelation, int minPitchClasses) {

        public static Thresholds defaults() {
            return new Thresholds(-70.0, 0.3, 0.5, 3);
        }
    }

    private final Thresholds thresholds;

    public MusicalContentCheck(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** @throws AudioRejectedException {@code NOT_MUSIC}, saying which test failed, with the measured values */
    public void check(TrackAnalysis analysis) throws AudioRejectedException {
        Optional<String> reason = whyNotMusic(analysis);
        if (reason.isPresent()) {
            throw new AudioRejectedException(ProblemType.NOT_MUSIC, reason.get());
        }
    }

    /** Which test the track fails, with the values measured, or empty for music. */
    public Optional<String> whyNotMusic(TrackAnalysis analysis) {
        double loudness = analysis.modelFeatures().get("loudness");
        if (loudness <= thresholds.silenceLufs()) {
            return Optional.of(format("silence: integrated loudness %.1f LUFS, at or below %.1f LUFS", loudness,
                    thresholds.silenceLufs()));
        }
        double pulse = analysis.descriptors().get("pulse_strength");
        if (pulse >= thresholds.minPulseStrength()) {
            return Optional.empty();
        }
        String noBeats = format("no beats (pulse strength %.2f, below %.2f)", pulse, thresholds.minPulseStrength());
        double keyCorrelation = analysis.modelFeatures().get("key") < 0 ? 0 : analysis.descriptors().get("key_confidence");
        if (keyCorrelation < thresholds.minKeyCorrelation()) {
            return Optional.of(format("%s and no key (key correlation %.2f, below %.2f): noise or an unpitched sound",
                    noBeats, keyCorrelation, thresholds.minKeyCorrelation()));
        }
        long pitchClasses = pitchClasses(analysis.dna().chroma());
        if (pitchClasses < thresholds.minPitchClasses()) {
            return Optional.of(format("a steady tone: %s and %d pitch class%s (at least half the strongest), fewer "
                    + "than the %d of a chord", noBeats, pitchClasses, pitchClasses == 1 ? "" : "es",
                    thresholds.minPitchClasses()));
        }
        return Optional.empty();
    }

    private static long pitchClasses(double[] chroma) {
        double strongest = Arrays.stream(chroma).max().orElse(0);
        return strongest <= 0 ? 0 : Arrays.stream(chroma).filter(value -> value >= PITCH_CLASS_SHARE * strongest).count();
    }

    private static String format(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }
}
