package io.hitorflop.contract.models;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReportedProbabilityTest {

    private static final Map<String, Double> XGBOOST_ONLY = Map.of(ModelNames.RANDOM_FOREST, 0.0, ModelNames.XGBOOST, 1.0,
            ModelNames.ADA_BOOST, 0.0, ModelNames.KNN, 0.0, ModelNames.DECISION_TREE, 0.0);

    @Test
    void plattIsTheLogisticOfTheCombinedScore() {
        var reported = new ReportedProbability("xgboost", XGBOOST_ONLY,
                ReportedProbability.Calibration.platt(2, -1), 0.5);

        // z = 0.5 -> logistic(2 * 0.5 - 1) = logistic(0) = 0.5
        assertThat(reported.of(new double[]{0.9, 0.5, 0.1, 0.2, 0.3})).isCloseTo(0.5, within(1e-15));
        // z = 1 -> 1 / (1 + e^-1)
        assertThat(reported.of(new double[]{0, 1, 0, 0, 0})).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-15));
        assertThat(reported.saysHit(0.5)).isTrue();
        assertThat(reported.saysHit(0.4999)).isFalse();
    }

    @Test
    void theWeightsFollowTheContractsModelOrder() {
        var weights = Map.of(ModelNames.RANDOM_FOREST, 0.1, ModelNames.XGBOOST, 0.2, ModelNames.ADA_BOOST, 0.3,
                ModelNames.KNN, 0.4, ModelNames.DECISION_TREE, 0.5);
        var reported = new ReportedProbability("stacking", weights, ReportedProbability.Calibration.platt(1, 0), 0.5);

        double z = 0.1 * 1 + 0.2 * 2 + 0.3 * 3 + 0.4 * 4 + 0.5 * 5;
        assertThat(reported.of(new double[]{1, 2, 3, 4, 5})).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-15));
    }

    @Test
    void isotonicInterpolatesBetweenKnotsAndIsConstantBeyondThem() {
        var map = ReportedProbability.Calibration.isotonic(List.of(0.2, 0.4, 0.4, 0.8), List.of(0.1, 0.3, 0.5, 0.9));

        assertThat(map.apply(0.0)).isEqualTo(0.1);
        assertThat(map.apply(0.3)).isCloseTo(0.2, within(1e-15));
        assertThat(map.apply(0.6)).isCloseTo(0.7, within(1e-15));
        assertThat(map.apply(1.0)).isEqualTo(0.9);
    }

    @Test
    void anUnusableMapIsRefused() {
        var platt = ReportedProbability.Calibration.platt(1, 0);
        assertThatThrownBy(() -> new ReportedProbability("x", Map.of(ModelNames.XGBOOST, 1.0), platt, 0.5).requireUsable())
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> new ReportedProbability("x", XGBOOST_ONLY, platt, 1.5).requireUsable())
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new ReportedProbability("x", XGBOOST_ONLY,
                ReportedProbability.Calibration.isotonic(List.of(0.1, 0.2), List.of(0.6, 0.4)), 0.5).requireUsable())
                .hasMessageContaining("must not decrease");
    }
}
