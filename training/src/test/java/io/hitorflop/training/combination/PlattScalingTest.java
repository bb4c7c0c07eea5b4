package io.hitorflop.training.combination;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlattScalingTest {

    @Test
    void recoversTheLogisticModelTheLabelsWereDrawnFrom() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 40_000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble() * 4 - 2;
            labels[i] = random.nextDouble() < LogisticRegression.logistic(2 * scores[i] - 1) ? 1 : 0;
        }

        var map = PlattScaling.fit(scores, labels);

        // Sampling error of the maximum-likelihood estimate at n = 40 000 is about 0.02 on each.
        assertThat(map.slope()).isCloseTo(2, within(0.1));
        assertThat(map.intercept()).isCloseTo(-1, within(0.1));
    }

    @Test
    void staysFiniteAndOrderedOnSeparableData() {
        double[] scores = {-2, -1.5, -1, 1, 1.5, 2};
        int[] labels = {0, 0, 0, 1, 1, 1};

        var map = PlattScaling.fit(scores, labels);

        assertThat(map.slope()).isPositive().isFinite();
        assertThat(map.apply(-2)).isLessThan(map.apply(-1)).isLessThan(0.5);
        assertThat(map.apply(1)).isGreaterThan(0.5).isLessThan(map.apply(2));
        // Platt's smoothed targets are 0.8 and 0.2 here; at the maximum-likelihood fit the mean fitted
        // probability equals the mean target (the intercept's score equation), and nothing reaches 0 or 1.
        double meanFitted = java.util.Arrays.stream(scores).map(map::apply).average().orElseThrow();
        assertThat(meanFitted).isCloseTo(0.5, within(1e-4));
        assertThat(map.apply(2)).isLessThan(0.99);
        assertThat(map.apply(-2)).isGreaterThan(0.01);
    }
}
