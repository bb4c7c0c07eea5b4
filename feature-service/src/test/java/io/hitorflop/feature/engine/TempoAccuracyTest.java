package io.hitorflop.feature.engine;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click tracks and rock drum patterns from 60 to 200 BPM (30 s each): the tempo must be within 2 %
 * of the truth, an octave error counting as a failure. The octave-tolerant rate (truth x 1/2, 1, 2)
 * is printed too.
 */
@Tag("integration")
class TempoAccuracyTest {

    private static final double[] CLICK_BPM = {60, 72, 85, 90, 100, 110, 120, 128, 135, 140, 150, 160, 170, 174, 180, 190, 200};
    private static final double[] DRUM_BPM = {60, 80, 95, 110, 125, 140, 160, 180, 200};
    private static final double SECONDS = 30;

    @TempDir
    Path dir;
    private final FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());

    @Test
    void tempoWithinTwoPercentFrom60To200Bpm() throws Exception {
        List<String> failures = new ArrayList<>();
        int strict = 0;
        int octaveTolerant = 0;
        int total = 0;
        StringBuilder table = new StringBuilder("signal      truth  measured\n");
        for (double bpm : CLICK_BPM) {
            Path file = TestAudio.writeWav(dir.resolve("click-" + bpm + ".wav"), TestAudio.RATE,
                    TestAudio.clickTrack(bpm, SECONDS, TestAudio.RATE));
            double measured = engine.analyze(file).modelFeatures().get("tempo");
            table.append(String.format(Locale.ROOT, "click     %7.1f %9.2f%n", bpm, measured));
            total++;
            strict += within(measured, bpm) ? 1 : 0;
            octaveTolerant += withinOctaves(measured, bpm) ? 1 : 0;
            if (!within(measured, bpm)) {
                failures.add("click " + bpm + " -> " + measured);
            }
        }
        for (double bpm : DRUM_BPM) {
            Path file = TestAudio.writeWav(dir.resolve("drums-" + bpm + ".wav"), TestAudio.RATE,
                    TestAudio.drumPattern(bpm, SECONDS, TestAudio.RATE, (long) bpm));
            double measured = engine.analyze(file).modelFeatures().get("tempo");
            table.append(String.format(Locale.ROOT, "drums     %7.1f %9.2f%n", bpm, measured));
            total++;
            strict += within(measured, bpm) ? 1 : 0;
            octaveTolerant += withinOctaves(measured, bpm) ? 1 : 0;
            if (!within(measured, bpm)) {
                failures.add("drums " + bpm + " -> " + measured);
            }
        }
        System.out.printf(Locale.ROOT, "%stempo within 2%%: strict %d/%d, octave-tolerant %d/%d%n",
                table, strict, total, octaveTolerant, total);

        assertThat(failures).isEmpty();
    }

    /**
     * Ordinary pop/rock grooves with a plain (click-less) kick and high-passed hi-hats, 20 s each; the
     * tempo is the quarter-note pulse (see {@link TestAudio.Groove}). Octave errors fail.
     */
    @Test
    void ordinaryGroovesWithinTwoPercent() throws Exception {
        Map<TestAudio.Groove, double[]> tempi = new EnumMap<>(TestAudio.Groove.class);
        tempi.put(TestAudio.Groove.ROCK, new double[] {60, 80, 100, 120, 140, 170, 200});
        tempi.put(TestAudio.Groove.KICK_OFFBEAT_HATS, new double[] {60, 90, 100, 120, 150, 180, 200});
        tempi.put(TestAudio.Groove.FOUR_ON_THE_FLOOR_OPEN_HATS, new double[] {70, 100, 124, 128, 150, 175});
        tempi.put(TestAudio.Groove.HALF_TIME, new double[] {140, 160, 180, 200});
        tempi.put(TestAudio.Groove.ROCK_WITH_CHORDS, new double[] {70, 95, 120, 145, 175});
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("groove                        truth  measured\n");
        int strict = 0;
        int octaveTolerant = 0;
        int total = 0;
        for (Map.Entry<TestAudio.Groove, double[]> entry : tempi.entrySet()) {
            int grooveStrict = 0;
            int grooveTolerant = 0;
            for (double bpm : entry.getValue()) {
                Path file = TestAudio.writeWav(dir.resolve(entry.getKey() + "-" + bpm + ".wav"), TestAudio.RATE,
                        TestAudio.groove(entry.getKey(), bpm, 20, TestAudio.RATE, (long) bpm));
                double truth = entry.getKey() == TestAudio.Groove.HALF_TIME ? bpm / 2 : bpm;
                double measured = engine.analyze(file).modelFeatures().get("tempo");
                table.append(String.format(Locale.ROOT, "%-28s %7.1f %9.2f%n", entry.getKey(), truth, measured));
                grooveStrict += within(measured, truth) ? 1 : 0;
                grooveTolerant += withinOctaves(measured, truth) ? 1 : 0;
                if (!within(measured, truth)) {
                    failures.add(entry.getKey() + " " + truth + " -> " + measured);
                }
            }
            int n = entry.getValue().length;
            table.append(String.format(Locale.ROOT, "%-28s strict %d/%d, octave-tolerant %d/%d%n",
                    entry.getKey(), grooveStrict, n, grooveTolerant, n));
            strict += grooveStrict;
            octaveTolerant += grooveTolerant;
            total += n;
        }
        System.out.printf(Locale.ROOT, "%sgrooves within 2%%: strict %d/%d, octave-tolerant %d/%d%n",
                table, strict, total, octaveTolerant, total);

        assertThat(failures).isEmpty();
    }

    @Test
    void beatsFallOnTheClicks() throws Exception {
        double bpm = 120;
        Path file = TestAudio.writeWav(dir.resolve("click-beats.wav"), TestAudio.RATE,
                TestAudio.clickTrack(bpm, 20, TestAudio.RATE));

        double[] beats = engine.analyze(file).dna().beats();

        assertThat(beats.length).isBetween(36, 41);
        for (double beat : beats) {
            double offset = beat - Math.round(beat * bpm / 60) * 60 / bpm;
            assertThat(Math.abs(offset)).as("beat at %.3f s is off the click grid", beat).isLessThan(0.05);
        }
    }

    @Test
    void steadyToneHasNoTempo() throws Exception {
        Path file = dir.resolve("tone.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=15", file.toString());

        TrackAnalysis analysis = engine.analyze(file);

        assertThat(analysis.modelFeatures().get("tempo")).isZero();
        assertThat(analysis.dna().beats()).isEmpty();
    }

    private static boolean within(double measured, double truth) {
        return Math.abs(measured - truth) <= 0.02 * truth;
    }

    private static boolean withinOctaves(double measured, double truth) {
        return within(measured, truth) || within(measured, truth * 2) || within(measured, truth / 2);
    }
}
