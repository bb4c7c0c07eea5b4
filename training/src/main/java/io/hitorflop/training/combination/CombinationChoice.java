package io.hitorflop.training.combination;

import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.evaluation.BinaryMetrics;
import io.hitorflop.training.evaluation.Reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;

/**
 * Chooses how the five members' P(HIT) become the verdict's probability and label, on the
 * training part only, from the members' out-of-fold predictions of the grouped cross-validation
 * (stacked generalisation, Wolpert 1992):
 * <ol>
 *   <li>the combination with the best mean grouped-CV ROC AUC among the equal soft vote, each
 *       member alone, and stacking (a logistic regression on the members' P(HIT), fitted on the
 *       other folds);</li>
 *   <li>the calibration of the combined score with the lowest mean grouped-CV Brier score among
 *       Platt scaling and isotonic regression (fitted on the other folds) whose mean fold ROC AUC
 *       is not below the combination's own: isotonic regression's flat steps tie songs the
 *       combination tells apart, and the calibration must not cost the ranking the combination
 *       was chosen for (Platt's map is strictly increasing, so it always qualifies);</li>
 *   <li>the threshold on the calibrated probability with the best out-of-fold accuracy (ties:
 *       the one nearest even odds), on a grid of {@value #THRESHOLD_STEPS} steps.</li>
 * </ol>
 * The chosen combination's weights and calibration are then fitted on all out-of-fold rows.
 */
public final class CombinationChoice {

    public static final String SOFT_VOTE = "soft_vote";
    public static final String STACKING = "stacking";
    static final int THRESHOLD_STEPS = 100;
    /** Rounding of a strictly increasing map may tie scores a few ulps apart; more than this is a real loss. */
    private static final double RANKING_TOLERANCE = 1e-9;

    /** One combination: its ROC AUC on each fold and their mean. */
    public record Trial(String candidate, double[] foldScores, double mean) {
    }

    /** One calibration: on each fold its Brier score and ROC AUC, and their means. */
    public record CalibrationTrial(String candidate, double[] foldBrier, double meanBrier, double[] foldAuc,
                                   double meanAuc) {
    }

    /**
     * @param reported            what the card states and inference applies
     * @param combinations        the combinations tried, by mean grouped-CV AUC (higher is better)
     * @param calibrations        the calibrations tried, by mean grouped-CV Brier score (lower is better) and AUC
     * @param outOfFoldAccuracy   the chosen threshold's accuracy on the out-of-fold rows
     */
    public record Result(ReportedProbability reported, List<Trial> combinations, List<CalibrationTrial> calibrations,
                         double outOfFoldAccuracy) {
    }

    /**
     * @param outOfFold per member, in {@link ModelNames#ALL} order, its out-of-fold P(HIT) of each training row
     * @param labels    per training row, 1 = HIT
     * @param foldOfRow per training row, its grouped fold
     */
    public static Result choose(double[][] outOfFold, int[] labels, int[] foldOfRow, int folds) {
        double[][] rows = transpose(outOfFold);
        Map<String, BiFunction<double[][], int[], double[]>> candidates = new LinkedHashMap<>();
        candidates.put(SOFT_VOTE, (x, y) -> constant(1.0 / ModelNames.ALL.size()));
        for (int member = 0; member < ModelNames.ALL.size(); member++) {
            double[] alone = new double[ModelNames.ALL.size()];
            alone[member] = 1;
            candidates.put(ModelNames.ALL.get(member), (x, y) -> alone);
        }
        candidates.put(STACKING, CombinationChoice::stackingWeights);

        List<Trial> combinations = new ArrayList<>();
        Trial bestCombination = null;
        for (var candidate : candidates.entrySet()) {
            Trial trial = crossValidate(candidate.getKey(), foldOfRow, folds, (train, held) -> {
                double[] weights = candidate.getValue().apply(select(rows, train), select(labels, train));
                return BinaryMetrics.rocAuc(select(labels, held), combine(select(rows, held), weights));
            });
            combinations.add(trial);
            if (bestCombination == null || trial.mean() > bestCombination.mean()) {
                bestCombination = trial;
            }
        }
        double[] weights = candidates.get(bestCombination.candidate()).apply(rows, labels);
        double[] combined = combine(rows, weights);

        Map<String, BiFunction<double[], int[], ReportedProbability.Calibration>> calibrators = new LinkedHashMap<>();
        calibrators.put("platt", PlattScaling::fit);
        calibrators.put("isotonic", IsotonicRegression::fit);
        double[] rankingAuc = new double[folds];
        for (int f = 0; f < folds; f++) {
            int[] held = split(foldOfRow, f)[1];
            rankingAuc[f] = BinaryMetrics.rocAuc(select(labels, held), select(combined, held));
        }
        List<CalibrationTrial> calibrations = new ArrayList<>();
        CalibrationTrial bestCalibration = null;
        for (var calibrator : calibrators.entrySet()) {
            double[] foldBrier = new double[folds];
            double[] foldAuc = new double[folds];
            for (int f = 0; f < folds; f++) {
                int[][] parts = split(foldOfRow, f);
                ReportedProbability.Calibration map = calibrator.getValue()
                        .apply(select(combined, parts[0]), select(labels, parts[0]));
                double[] heldScores = select(combined, parts[1]);
                double[] probability = new double[heldScores.length];
                for (int i = 0; i < heldScores.length; i++) {
                    probability[i] = map.apply(heldScores[i]);
                }
                foldBrier[f] = Reliability.brier(select(labels, parts[1]), probability);
                foldAuc[f] = BinaryMetrics.rocAuc(select(labels, parts[1]), probability);
            }
            CalibrationTrial trial = new CalibrationTrial(calibrator.getKey(), foldBrier, mean(foldBrier), foldAuc,
                    mean(foldAuc));
            calibrations.add(trial);
            boolean keepsRanking = trial.meanAuc() >= mean(rankingAuc) - RANKING_TOLERANCE;
            if (keepsRanking && (bestCalibration == null || trial.meanBrier() < bestCalibration.meanBrier())) {
                bestCalibration = trial;
            }
        }
        ReportedProbability.Calibration calibration = calibrators.get(bestCalibration.candidate()).apply(combined, labels);
        double[] calibrated = new double[combined.length];
        for (int i = 0; i < combined.length; i++) {
            calibrated[i] = calibration.apply(combined[i]);
        }
        double threshold = 0.5;
        double bestAccuracy = accuracy(labels, calibrated, threshold);
        for (int step = 1; step < THRESHOLD_STEPS; step++) {
            double candidate = (double) step / THRESHOLD_STEPS;
            double accuracy = accuracy(labels, calibrated, candidate);
            if (accuracy > bestAccuracy
                    || accuracy == bestAccuracy && Math.abs(candidate - 0.5) < Math.abs(threshold - 0.5)) {
                threshold = candidate;
                bestAccuracy = accuracy;
            }
        }
        Map<String, Double> weightOf = new LinkedHashMap<>();
        for (int member = 0; member < ModelNames.ALL.size(); member++) {
            weightOf.put(ModelNames.ALL.get(member), weights[member]);
        }
        return new Result(new ReportedProbability(bestCombination.candidate(), weightOf, calibration, threshold),
                combinations, calibrations, bestAccuracy);
    }

    /** Stacking's weights: the logistic regression's coefficients (its intercept is left to the calibration). */
    static double[] stackingWeights(double[][] rows, int[] labels) {
        double[] targets = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i];
        }
        double[] beta = LogisticRegression.fit(rows, targets);
        double[] weights = new double[rows[0].length];
        System.arraycopy(beta, 0, weights, 0, weights.length);
        return weights;
    }

    static double[] combine(double[][] rows, double[] weights) {
        double[] combined = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int member = 0; member < weights.length; member++) {
                combined[i] += weights[member] * rows[i][member];
            }
        }
        return combined;
    }

    private static Trial crossValidate(String name, int[] foldOfRow, int folds,
                                       ToDoubleBiFunction<int[], int[]> scoreOfFold) {
        double[] scores = new double[folds];
        for (int f = 0; f < folds; f++) {
            int[][] parts = split(foldOfRow, f);
            scores[f] = scoreOfFold.applyAsDouble(parts[0], parts[1]);
        }
        return new Trial(name, scores, mean(scores));
    }

    /** The rows outside {@code fold} (to fit on) and inside it (to score). */
    private static int[][] split(int[] foldOfRow, int fold) {
        return new int[][]{IntStream.range(0, foldOfRow.length).filter(i -> foldOfRow[i] != fold).toArray(),
                IntStream.range(0, foldOfRow.length).filter(i -> foldOfRow[i] == fold).toArray()};
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static double accuracy(int[] labels, double[] probability, double threshold) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += (probability[i] >= threshold ? 1 : 0) == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    private static double[] constant(double value) {
        double[] weights = new double[ModelNames.ALL.size()];
        java.util.Arrays.fill(weights, value);
        return weights;
    }

    private static double[][] transpose(double[][] byMember) {
        double[][] rows = new double[byMember[0].length][byMember.length];
        for (int member = 0; member < byMember.length; member++) {
            for (int i = 0; i < byMember[member].length; i++) {
                rows[i][member] = byMember[member][i];
            }
        }
        return rows;
    }

    private static double[][] select(double[][] rows, int[] indices) {
        double[][] picked = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
        }
        return picked;
    }

    private static double[] select(double[] values, int[] indices) {
        double[] picked = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = values[indices[i]];
        }
        return picked;
    }

    private static int[] select(int[] values, int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = values[indices[i]];
        }
        return picked;
    }

    private CombinationChoice() {
    }
}
