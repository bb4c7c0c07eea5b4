package io.hitorflop.training.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeasurementNoiseTest {

    private static final List<String> COLUMNS = List.of("tempo", "loudness", "key", "mode", "duration_ms");

    private static MeasurementErrors errors(String tempoFactor, String keyRelation, double loudnessError) {
        return new MeasurementErrors("test", 1, 1, Map.of(tempoFactor, 1.0), 1, Map.of(keyRelation, 1.0),
                List.of(loudnessError));
    }

    private static float[] perturb(MeasurementErrors errors, float[] row) {
        return new MeasurementNoise(errors).perturb(row, COLUMNS, new Random(1));
    }

    @Test
    void aDoubledTempoIsTwiceTheTruthAndTheDurationIsUntouched() {
        float[] noisy = perturb(errors("2", "exact", 0), new float[] {100, -8, 0, 1, 200_000});
        assertThat(noisy[0]).isEqualTo(200f);
        assertThat(noisy[4]).isEqualTo(200_000f);
        assertThat(perturb(errors("1/3", "exact", 0), new float[] {150, -8, 0, 1, 1})[0]).isCloseTo(50f, within(1e-4f));
    }

    @Test
    void keyConfusionsMoveToTheRelatedKey() {
        // C major: relative A minor, dominant G major, subdominant F major, parallel C minor
        float[] relative = perturb(errors("1", "relative", 0), new float[] {120, -8, 0, 1, 1});
        assertThat(relative[0]).isEqualTo(120f);
        assertThat(relative[2]).isEqualTo(9f);
        assertThat(relative[3]).isEqualTo(0f);
        assertThat(perturb(errors("1", "dominant", 0), new float[] {120, -8, 0, 1, 1})[2]).isEqualTo(7f);
        assertThat(perturb(errors("1", "subdominant", 0), new float[] {120, -8, 0, 1, 1})[2]).isEqualTo(5f);
        float[] parallel = perturb(errors("1", "parallel", 0), new float[] {120, -8, 0, 1, 1});
        assertThat(parallel[2]).isEqualTo(0f);
        assertThat(parallel[3]).isEqualTo(0f);
        // A minor's relative is C major
        float[] relativeOfMinor = perturb(errors("1", "relative", 0), new float[] {120, -8, 9, 0, 1});
        assertThat(relativeOfMinor[2]).isEqualTo(0f);
        assertThat(relativeOfMinor[3]).isEqualTo(1f);
        float[] none = perturb(errors("1", "none", 0), new float[] {120, -8, 4, 1, 1});
        assertThat(none[2]).isEqualTo(-1f);
        assertThat(none[3]).isEqualTo(0f);
    }

    @Test
    void loudnessMovesByTheMeterErrorPlusAnOffsetWithinTheAssumedScaleMismatch() {
        MeasurementNoise noise = new MeasurementNoise(errors("1", "exact", 0.05));
        Random random = new Random(7);
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            double moved = noise.perturb(new float[] {120, -8, 0, 1, 1}, COLUMNS, random)[1] + 8;
            low = Math.min(low, moved);
            high = Math.max(high, moved);
        }
        assertThat(low).isBetween(0.05 - 3.0, 0.05 - 2.9);
        assertThat(high).isBetween(0.05 + 2.9, 0.05 + 3.0 + 1e-5);
    }

    @Test
    void augmentingKeepsTheCleanRowsFirstAndEveryLabel() {
        FeatureMatrix clean = new FeatureMatrix(COLUMNS, new float[][] {{100, -8, 0, 1, 1}, {90, -5, 2, 0, 2}}, new int[] {1, 0});
        FeatureMatrix augmented = new MeasurementNoise(errors("2", "exact", 0)).augment(clean, 2, 42);
        assertThat(augmented.size()).isEqualTo(6);
        assertThat(augmented.rows()[0]).containsExactly(100, -8, 0, 1, 1);
        assertThat(augmented.rows()[1]).containsExactly(90, -5, 2, 0, 2);
        assertThat(augmented.labels()).containsExactly(1, 0, 1, 0, 1, 0);
        assertThat(augmented.rows()[2][0]).isEqualTo(200f);
        assertThat(augmented.rows()[5][0]).isEqualTo(180f);
    }

    @Test
    void theCommittedMeasurementHasSharesThatSumToOne() {
        MeasurementErrors measured = MeasurementErrors.measured();
        assertThat(measured.tempoFactorShares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-3));
        assertThat(measured.keyRelationShares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-3));
        assertThat(measured.loudnessErrorsLu()).hasSize(measured.files());
    }
}
