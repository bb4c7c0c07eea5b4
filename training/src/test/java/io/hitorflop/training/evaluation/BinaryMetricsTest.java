package io.hitorflop.training.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BinaryMetricsTest {

    @Test
    void countsAndRatesMatchAHandWorkedExample() {
        int[] truth = {1, 1, 1, 0, 0, 0, 0, 1};
        int[] label = {1, 1, 0, 0, 0, 1, 0, 1};
        double[] p = {0.9, 0.8, 0.3, 0.2, 0.1, 0.7, 0.4, 0.6};
        BinaryMetrics m = BinaryMetrics.of(truth, p, label);
        assertThat(m.accuracy()).isEqualTo(6 / 8.0);
        assertThat(m.precision()).isEqualTo(3 / 4.0);
        assertThat(m.recall()).isEqualTo(3 / 4.0);
        assertThat(m.f1()).isCloseTo(0.75, within(1e-12));
        // positives 0.9 0.8 0.6 0.3 against negatives 0.7 0.4 0.2 0.1: 13 of 16 pairs ordered right
        assertThat(m.rocAuc()).isCloseTo(13 / 16.0, within(1e-12));
        double brier = (0.01 + 0.04 + 0.49 + 0.04 + 0.01 + 0.49 + 0.16 + 0.16) / 8;
        assertThat(m.brier()).isCloseTo(brier, within(1e-12));
        assertThat(BinaryMetrics.confusion(truth, label)).containsExactly(3, 1, 1, 3);
    }

    @Test
    void tiedScoresCountHalf() {
        assertThat(BinaryMetrics.rocAuc(new int[]{1, 0}, new double[]{0.5, 0.5})).isEqualTo(0.5);
        assertThat(BinaryMetrics.rocAuc(new int[]{1, 1, 0}, new double[]{0.5, 0.9, 0.5})).isEqualTo(0.75);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(BinaryMetrics.rocAuc(new int[]{1, 1}, new double[]{0.2, 0.3})).isNaN();
    }
}
