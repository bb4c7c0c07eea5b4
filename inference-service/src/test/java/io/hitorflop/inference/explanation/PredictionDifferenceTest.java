package io.hitorflop.inference.explanation;

import io.hitorflop.contract.events.FeatureContribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PredictionDifferenceTest {

    @Test
    void eachRowAfterTheFirstReplacesOneFeatureByItsBaseline() {
        float[][] rows = PredictionDifference.rows(new float[] {120f, -6f, 5f}, new double[] {100, -9, 0});

        assertThat(rows).hasDimensions(4, 3);
        assertThat(rows[0]).containsExactly(120f, -6f, 5f);
        assertThat(rows[1]).containsExactly(100f, -6f, 5f);
        assertThat(rows[2]).containsExactly(120f, -9f, 5f);
        assertThat(rows[3]).containsExactly(120f, -6f, 0f);
    }

    @Test
    void contributionIsTheDropInProbabilityWhenTheFeatureIsTypicalStrongestFirst() {
        List<FeatureContribution> contributions = PredictionDifference.contributions(
                List.of("tempo", "loudness", "key"), new double[] {120, -6, 5}, new double[] {100, -9, 0},
                new double[] {0.70, 0.65, 0.80, 0.70});

        assertThat(contributions).extracting(FeatureContribution::feature).containsExactly("loudness", "tempo", "key");
        assertThat(contributions.get(0).contribution()).isCloseTo(-0.10, within(1e-12));
        assertThat(contributions.get(1).contribution()).isCloseTo(0.05, within(1e-12));
        assertThat(contributions.get(1).value()).isEqualTo(120);
        assertThat(contributions.get(1).baseline()).isEqualTo(100);
        assertThat(contributions.get(2).contribution()).isZero();
    }

    @Test
    void aProbabilityPerRowIsRequired() {
        assertThatThrownBy(() -> PredictionDifference.contributions(List.of("tempo"), new double[] {1},
                new double[] {0}, new double[] {0.5})).isInstanceOf(IllegalArgumentException.class);
    }
}
