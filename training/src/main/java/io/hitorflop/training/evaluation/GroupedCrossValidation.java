package io.hitorflop.training.evaluation;

import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.learners.Learner;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Grid search by grouped k-fold cross-validation (no artist or track in two folds), scored by
 * mean ROC AUC over the folds; the first candidate with the best mean wins. Folds are fitted in
 * parallel; each fit is deterministic, so the result does not depend on scheduling.
 */
public final class GroupedCrossValidation {

    /** One candidate's result, logged in the card. */
    public record Trial(Map<String, Object> hyperparameters, double[] foldAuc, double meanAuc, double stdAuc) {
    }

    /**
     * @param outOfFoldHitProbability per training row, the best candidate's P(HIT) from the fit
     *                                that did not see the row's fold: what the ensemble's
     *                                combination and calibration are chosen on
     */
    public record Search(Map<String, Object> best, List<Trial> trials, double[] outOfFoldHitProbability) {
    }

    public static Search search(Learner learner, FeatureMatrix train, int[] foldOfRow, int folds, long seed) {
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        double[] bestOutOfFold = null;
        for (Map<String, Object> candidate : learner.searchGrid(train.width())) {
            double[] outOfFold = new double[train.size()];
            double[] auc = IntStream.range(0, folds).parallel().mapToDouble(f -> {
                int[] inner = IntStream.range(0, train.size()).filter(i -> foldOfRow[i] != f).toArray();
                int[] held = IntStream.range(0, train.size()).filter(i -> foldOfRow[i] == f).toArray();
                FeatureMatrix heldOut = train.subset(held);
                Scores scores = learner.fit(train.subset(inner), candidate, seed).score(heldOut.rows());
                for (int i = 0; i < held.length; i++) {
                    outOfFold[held[i]] = scores.hitProbability()[i];
                }
                return BinaryMetrics.rocAuc(heldOut.labels(), scores.hitProbability());
            }).toArray();
            double mean = 0;
            for (double a : auc) {
                mean += a;
            }
            mean /= folds;
            double variance = 0;
            for (double a : auc) {
                variance += (a - mean) * (a - mean);
            }
            Trial trial = new Trial(new TreeMap<>(candidate), auc, mean, Math.sqrt(variance / (folds - 1)));
            trials.add(trial);
            if (best == null || trial.meanAuc() > best.meanAuc()) {
                best = trial;
                bestOutOfFold = outOfFold;
            }
        }
        return new Search(best.hyperparameters(), trials, bestOutOfFold);
    }

    private GroupedCrossValidation() {
    }
}
