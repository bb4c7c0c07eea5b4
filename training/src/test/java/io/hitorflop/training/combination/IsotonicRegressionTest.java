package io.hitorflop.training.combination;

import io.hitorflop.contract.models.ReportedProbability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IsotonicRegressionTest {

    @Test
    void poolsAdjacentViolatorsIntoTheirMean() {
        // 1 then 0 violate the order: pooled to 0.5; the last two agree at 1.
        var map = IsotonicRegression.fit(new double[]{3, 1, 4, 2}, new int[]{1, 1, 1, 0});

        assertThat(map.knots()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(map.values()).containsExactly(0.5, 0.5, 1.0, 1.0);
        assertThat(map.apply(2.5)).isEqualTo(0.75);
    }

    @Test
    void equalScoresGetOneProbability() {
        var map = IsotonicRegression.fit(new double[]{1, 1, 2}, new int[]{1, 0, 1});

        assertThat(map.knots()).containsExactly(1.0, 2.0);
        assertThat(map.values()).containsExactly(0.5, 1.0);
    }

    @Test
    void theFittedMapNeverDecreasesAndIsAUsableCardMap() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 5000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            labels[i] = random.nextDouble() < scores[i] * scores[i] ? 1 : 0;
        }

        var map = IsotonicRegression.fit(scores, labels);

        List<Double> values = map.values();
        for (int i = 1; i < values.size(); i++) {
            assertThat(values.get(i)).isGreaterThanOrEqualTo(values.get(i - 1));
            assertThat(map.knots().get(i)).isGreaterThanOrEqualTo(map.knots().get(i - 1));
        }
        double previous = -1;
        for (double z = -0.1; z <= 1.1; z += 0.001) {
            assertThat(map.apply(z)).isGreaterThanOrEqualTo(previous);
            previous = map.apply(z);
        }
        new ReportedProbability("x", java.util.Map.of("random_forest", 0.0, "xgboost", 1.0, "ada_boost", 0.0, "knn", 0.0,
                "decision_tree", 0.0), map, 0.5).requireUsable();
    }
}
