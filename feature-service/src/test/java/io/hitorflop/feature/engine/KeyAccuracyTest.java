package io.hitorflop.feature.engine;

import io.hitorflop.feature.engine.tonal.KeyEstimate;
import io.hitorflop.feature.engine.tonal.KeyEstimator;
import io.hitorflop.feature.engine.tonal.KeyProfile;
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
 * Cadences synthesised in all 24 keys (8 s each): the engine must name at least 22 exactly. The same
 * chroma vectors are scored with every {@link KeyProfile}, which is how the engine's profile was
 * chosen; the table is printed.
 */
@Tag("integration")
class KeyAccuracyTest {

    private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    @TempDir
    Path dir;
    private final FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());

    @Test
    void atLeast22Of24KeysExact() throws Exception {
        Map<KeyProfile, Integer> correctByProfile = new EnumMap<>(KeyProfile.class);
        Map<KeyProfile, Double> worstMargin = new EnumMap<>(KeyProfile.class);
        Map<KeyProfile, Double> marginSum = new EnumMap<>(KeyProfile.class);
        List<String> engineMisses = new ArrayList<>();
        int engineCorrect = 0;
        for (int mode = 1; mode >= 0; mode--) {
            for (int tonic = 0; tonic < 12; tonic++) {
                Path file = TestAudio.writeWav(dir.resolve("key-" + tonic + "-" + mode + ".wav"), 22_050,
                        TestAudio.chordProgression(tonic, mode == 1, 8, 22_050));
                TrackAnalysis analysis = engine.analyze(file);
                int key = analysis.modelFeatures().get("key").intValue();
                int measuredMode = analysis.modelFeatures().get("mode").intValue();
                if (key == tonic && measuredMode == mode) {
                    engineCorrect++;
                } else {
                    engineMisses.add(name(tonic, mode) + " -> " + name(key, measuredMode));
                }
                for (KeyProfile profile : KeyProfile.values()) {
                    KeyEstimator estimator = new KeyEstimator(profile);
                    KeyEstimate estimate = estimator.estimate(analysis.dna().chroma());
                    if (estimate.key() == tonic && estimate.mode() == mode) {
                        correctByProfile.merge(profile, 1, Integer::sum);
                    }
                    double margin = margin(estimator.correlations(analysis.dna().chroma()), mode == 1 ? tonic : 12 + tonic);
                    worstMargin.merge(profile, margin, Math::min);
                    marginSum.merge(profile, margin, Double::sum);
                }
            }
        }
        for (KeyProfile profile : KeyProfile.values()) {
            System.out.printf(Locale.ROOT, "key profile %-18s %2d/24 exact, margin of the true key mean %.3f, worst %.3f%n",
                    profile, correctByProfile.getOrDefault(profile, 0), marginSum.get(profile) / 24, worstMargin.get(profile));
        }
        System.out.printf(Locale.ROOT, "engine (%s): %d/24 exact, misses %s%n", TrackAnalyzer.KEY_PROFILE,
                engineCorrect, engineMisses);

        assertThat(engineCorrect).as("misses: %s", engineMisses).isGreaterThanOrEqualTo(22);
    }

    @Test
    void noiseAndSilenceHaveNoKey() throws Exception {
        Path noise = dir.resolve("noise.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=color=white:amplitude=0.3:sample_rate=44100:duration=10", noise.toString());
        Path pink = dir.resolve("pink.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:duration=10", pink.toString());
        Path silence = dir.resolve("silence.wav");
        TestAudio.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "5", silence.toString());

        for (Path file : List.of(noise, pink, silence)) {
            TrackAnalysis analysis = engine.analyze(file);
            assertThat(analysis.modelFeatures().get("key")).as("key of %s", file.getFileName()).isEqualTo(-1.0);
            assertThat(analysis.modelFeatures().get("mode")).isZero();
        }
    }

    /** Correlation of the true key minus the best other key's (negative when another key wins). */
    private static double margin(double[] correlations, int truth) {
        double bestOther = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < correlations.length; i++) {
            if (i != truth) {
                bestOther = Math.max(bestOther, correlations[i]);
            }
        }
        return correlations[truth] - bestOther;
    }

    private static String name(int key, int mode) {
        return key < 0 ? "none" : NAMES[key] + (mode == 1 ? " major" : " minor");
    }
}
