package io.hitorflop.feature.engine.tonal;

import io.hitorflop.feature.engine.spectral.Signals;
import io.hitorflop.feature.engine.spectral.StftFramer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * STFT chroma (Fujishima 1999) on the engine's 8192-sample frames at 22,050 Hz: a tone lands in its
 * pitch class (equal temperament, A4 = 440 Hz, C = 0) in every octave of the range C2-C7, nothing
 * outside that range counts, and a tone a quarter-tone off every semitone centre weighs almost
 * nothing, because bins count with (1 - 2 d)^2 for their distance d in semitones to the nearest centre.
 */
class ChromaAccumulatorTest {

    private static final int FRAME = 8192;

    private static double[] chroma(float[] signal) {
        ChromaAccumulator chroma = new ChromaAccumulator(FRAME, Signals.RATE);
        Signals.feed(new StftFramer(FRAME, FRAME, List.of(chroma)), signal);
        return chroma.chroma();
    }

    private static double midiHz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    private static double total(double[] chroma) {
        return Arrays.stream(chroma).sum();
    }

    @Test
    void aToneLandsInItsPitchClassInEveryOctave() {
        // A2, A3, A4, A5, A6 (110 to 1760 Hz), and C3, E4, G5; the Hann main lobe is 4 bins of 2.7 Hz
        // wide, 1.4 semitones around C3, so low tones leak a little into their neighbours
        int[][] midiAndPitchClass = {{45, 9}, {57, 9}, {69, 9}, {81, 9}, {93, 9}, {48, 0}, {64, 4}, {79, 7}};
        for (int[] tone : midiAndPitchClass) {
            double[] chroma = chroma(Signals.sine(midiHz(tone[0]), 0.5, 3));
            assertThat(chroma[tone[1]] / total(chroma)).as("MIDI %d", tone[0]).isGreaterThan(0.9);
        }
    }

    @Test
    void aTriadHoldsItsThreePitchClasses() {
        // C major: C4 E4 G4
        float[] triad = Signals.sum(Signals.sum(Signals.sine(midiHz(60), 0.3, 3), Signals.sine(midiHz(64), 0.3, 3)),
                Signals.sine(midiHz(67), 0.3, 3));
        double[] chroma = chroma(triad);
        assertThat((chroma[0] + chroma[4] + chroma[7]) / total(chroma)).isGreaterThan(0.95);
        for (int pitchClass : new int[] {0, 4, 7}) {
            assertThat(chroma[pitchClass] / total(chroma)).isGreaterThan(0.25);
        }
    }

    @Test
    void tonesOutsideC2ToC7DoNotCount() {
        double inRange = total(chroma(Signals.sine(440, 0.5, 3)));
        assertThat(total(chroma(Signals.sine(40, 0.5, 3)))).isLessThan(0.01 * inRange);
        assertThat(total(chroma(Signals.sine(4000, 0.5, 3)))).isLessThan(0.01 * inRange);
    }

    @Test
    void aQuarterToneOffEverySemitoneWeighsLittle() {
        double onCentre = total(chroma(Signals.sine(440, 0.5, 3)));
        double quarterToneAbove = total(chroma(Signals.sine(440 * Math.pow(2, 1 / 24.0), 0.5, 3)));
        assertThat(quarterToneAbove).isLessThan(0.1 * onCentre);
    }

    @Test
    void chromaGrowsWithTheMagnitudeUnnormalised() {
        double[] quiet = chroma(Signals.sine(440, 0.1, 3));
        double[] loud = chroma(Signals.sine(440, 0.4, 3));
        assertThat(loud[9]).isCloseTo(4 * quiet[9], within(1e-3 * loud[9]));
        assertThat(chroma(new float[3 * (int) Signals.RATE])).containsOnly(0.0);
    }
}
