package io.hitorflop.training.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReliabilityTest {

    @Test
    void expectedCalibrationErrorAndBrierMatchHandComputedValues() {
        int[] truth = {1, 0, 0, 1};
        double[] probability = {0.9, 0.1, 0.62, 0.68};

        Reliability reliability = Reliability.of(truth, probability);

        // bins [0.1, 0.2): |0.1 - 0| = 0.1, 1 row; [0.6, 0.7): |0.65 - 0.5| = 0.15, 2 rows; [0.9, 1]: |0.9 - 1| = 0.1, 1 row
        assertThat(reliability.expectedCalibrationError()).isCloseTo(0.1 / 4 + 0.15 * 2 / 4 + 0.1 / 4, within(1e-12));
        assertThat(reliability.brier()).isCloseTo((0.01 + 0.01 + 0.3844 + 0.1024) / 4, within(1e-12));
        assertThat(reliability.bins()).hasSize(3);
        Reliability.Bin middle = reliability.bins().get(1);
        assertThat(middle.rows()).isEqualTo(2);
        assertThat(middle.low()).isEqualTo(0.6);
        assertThat(middle.meanPredicted()).isCloseTo(0.65, within(1e-12));
        assertThat(middle.observed()).isEqualTo(0.5);
    }

    @Test
    void aProbabilityOfOneBelongsToTheLastBinAndAPerfectForecastHasNoError() {
        Reliability reliability = Reliability.of(new int[]{1, 0}, new double[]{1.0, 0.0});

        assertThat(reliability.bins()).extracting(Reliability.Bin::low).containsExactly(0.0, 0.9);
        assertThat(reliability.expectedCalibrationError()).isZero();
        assertThat(reliability.brier()).isZero();
    }
}
