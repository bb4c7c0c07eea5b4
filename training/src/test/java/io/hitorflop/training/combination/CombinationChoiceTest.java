package io.hitorflop.training.combination;

import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.evaluation.BinaryMetrics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CombinationChoiceTest {

    private static final int ROWS = 6000;
    private static final int FOLDS = 3;

    @Test
    void anInformedMemberOutweighsNoiseAndTheResultIsCalibrated() {
        SplittableRandom random = new SplittableRandom(1);
        int[] labels = new int[ROWS];
        int[] fold = new int[ROWS];
        double[][] outOfFold = new double[ModelNames.ALL.size()][ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = random.nextInt(2);
            fold[i] = i % FOLDS;
            for (int member = 0; member < outOfFold.length; member++) {
                outOfFold[member][i] = random.nextDouble();
            }
            // xgboost knows the label (noisily); the other four are noise
            outOfFold[1][i] = LogisticRegression.logistic(1.5 * (2 * labels[i] - 1) + random.nextGaussian());
        }

        CombinationChoice.Result result = CombinationChoice.choose(outOfFold, labels, fold, FOLDS);

        assertThat(result.combinations()).extracting(CombinationChoice.Trial::candidate)
                .containsExactly("soft_vote", "random_forest", "xgboost", "ada_boost", "knn", "decision_tree", "stacking");
        double bestMean = result.combinations().stream().mapToDouble(CombinationChoice.Trial::mean).max().orElseThrow();
        CombinationChoice.Trial chosen = result.combinations().stream()
                .filter(t -> t.candidate().equals(result.reported().combination())).findFirst().orElseThrow();
        assertThat(chosen.mean()).isEqualTo(bestMean);
        assertThat(result.reported().combination()).isIn("xgboost", "stacking");
        assertThat(result.reported().weights().get(ModelNames.XGBOOST)).isPositive();
        assertThat(result.calibrations()).extracting(CombinationChoice.CalibrationTrial::candidate)
                .containsExactly("platt", "isotonic");
        CombinationChoice.CalibrationTrial platt = result.calibrations().get(0);
        CombinationChoice.CalibrationTrial isotonic = result.calibrations().get(1);
        assertThat(isotonic.meanAuc()).as("isotonic steps tie scores").isLessThan(platt.meanAuc());
        assertThat(result.reported().calibration().method()).as("the map that keeps the ranking")
                .isEqualTo(ReportedProbability.Calibration.Method.PLATT);
        result.reported().requireUsable();

        double[] reported = new double[ROWS];
        double[] soft = new double[ROWS];
        double[] row = new double[outOfFold.length];
        for (int i = 0; i < ROWS; i++) {
            for (int member = 0; member < row.length; member++) {
                row[member] = outOfFold[member][i];
                soft[i] += row[member] / row.length;
            }
            reported[i] = result.reported().of(row);
        }
        assertThat(BinaryMetrics.rocAuc(labels, reported)).isGreaterThan(BinaryMetrics.rocAuc(labels, soft));
        // symmetric classes and a symmetric signal: the accuracy-best threshold is near even odds
        assertThat(result.reported().threshold()).isBetween(0.4, 0.6);
        assertThat(result.outOfFoldAccuracy()).isGreaterThan(0.8);
    }
}
