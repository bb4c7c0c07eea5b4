package io.hitorflop.feature.engine.tempo;

/**
 * How readily listeners tap at a tempo: tapped tempi cluster around a preferred tempo near
 * {@value #PREFERRED_BPM} BPM and thin out on a logarithmic scale away from it (Fraisse 1982;
 * Moelants, "Preferred tempo reconsidered", ICMPC 2002; McKinney &amp; Moelants, "Ambiguity in tempo
 * perception", Music Perception 24(2), 2006, where listeners split between two metrical levels of
 * the same piece in proportion to their distance from that preference). Modelled as a log-normal
 * weight, {@code exp(-0.5 (log2(bpm / 120) / width)^2)}, the width in octaves.
 *
 * <p>{@link MetricalLevel} uses the ratio of the weights of a tempo and its double as the extra
 * evidence the accents must give before the faster level is tapped (never less than the bare accent
 * rule). The width, {@value #WIDTH_OCTAVES} octaves, is the one free parameter, chosen on the
 * development corpus (benchmarks/dev-corpus; strict tempo accuracy on its 169 steady-tempo files:
 * width 0.45: 126, 0.5: 124, 0.6: 115, 1.0: 109, no preference: 107) among the widths that keep
 * every groove of TempoAccuracyTest at its tempo (0.5 checked; with it doubling 100 to 200 BPM needs
 * a halfway share of 0.44, and the 200 BPM grooves still pass). The corpus figures in the README are
 * therefore not an independent test of it.
 */
final class PreferredTempo {

    static final double PREFERRED_BPM = 120.0;
    static final double WIDTH_OCTAVES = 0.5;

    private PreferredTempo() {
    }

    /** The preference for tapping at {@code bpm}, 1 at the preferred tempo. */
    static double weight(double bpm) {
        double octaves = Math.log(bpm / PREFERRED_BPM) / Math.log(2) / WIDTH_OCTAVES;
        return Math.exp(-0.5 * octaves * octaves);
    }

    /**
     * How much more the tempo is preferred than its double, never below 1: the factor by which the
     * accents halfway between beats must exceed the bare accent rule before the double is tapped.
     */
    static double doublingReluctance(double bpm) {
        return Math.max(1.0, weight(bpm) / weight(2 * bpm));
    }
}
