package io.hitorflop.feature.engine.tonal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Krumhansl-Schmuckler key finding (Krumhansl 1990) with the Temperley 1999 profiles: the chroma of a
 * scale with its tonic triad emphasised names that key and mode; a flat chroma names none.
 */
class KeyEstimatorTest {

    private final KeyEstimator estimator = new KeyEstimator(KeyProfile.TEMPERLEY);

    /** Chroma of the scale of a key: tonic triad strong, other scale notes weaker. */
    private static double[] scale(int tonic, boolean major) {
        int[] steps = major ? new int[] {0, 2, 4, 5, 7, 9, 11} : new int[] {0, 2, 3, 5, 7, 8, 11};
        int third = major ? 4 : 3;
        double[] chroma = new double[12];
        for (int step : steps) {
            chroma[(tonic + step) % 12] = 1.0;
        }
        chroma[tonic] = 3.0;
        chroma[(tonic + third) % 12] = 2.0;
        chroma[(tonic + 7) % 12] = 2.5;
        return chroma;
    }

    @Test
    void findsEveryKeyOfItsScale() {
        for (int tonic = 0; tonic < 12; tonic++) {
            assertThat(estimator.estimate(scale(tonic, true))).extracting(KeyEstimate::key, KeyEstimate::mode)
                    .containsExactly(tonic, 1);
            assertThat(estimator.estimate(scale(tonic, false))).extracting(KeyEstimate::key, KeyEstimate::mode)
                    .containsExactly(tonic, 0);
        }
    }

    @Test
    void flatOrEmptyChromaHasNoKey() {
        double[] flat = {1, 1.1, 0.95, 1, 1.05, 1, 0.9, 1, 1, 1.1, 1, 1};
        assertThat(estimator.estimate(flat)).isEqualTo(KeyEstimate.NONE);
        assertThat(estimator.estimate(new double[12])).isEqualTo(KeyEstimate.NONE);
    }
}
