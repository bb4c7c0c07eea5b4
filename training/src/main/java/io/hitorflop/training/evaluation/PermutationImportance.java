package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Permutation feature importance (Breiman 2001, section 10): the drop in the soft vote's ROC AUC
 * when one feature's column is shuffled across the rows, breaking its link to the label. Computed
 * on a seeded sample of test rows to keep KNN scoring affordable.
 */
public final class PermutationImportance {

    public static final int SAMPLE_ROWS = 2000;

    public static Map<String, Double> of(List<FittedModel> members, EnsembleVote rule, FeatureMatrix test, long seed) {
        Random random = new Random(seed);
        int[] picked = random.ints(0, test.size()).distinct().limit(Math.min(SAMPLE_ROWS, test.size())).sorted().toArray();
        FeatureMatrix sample = test.subset(picked);
        double baseline = softAuc(members, rule, sample);
        Map<String, Double> drops = new LinkedHashMap<>();
        for (int j = 0; j < sample.width(); j++) {
            float[][] rows = new float[sample.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = sample.rows()[i].clone();
            }
            List<Float> column = new ArrayList<>();
            for (float[] row : rows) {
                column.add(row[j]);
            }
            java.util.Collections.shuffle(column, random);
            for (int i = 0; i < rows.length; i++) {
                rows[i][j] = column.get(i);
            }
            drops.put(sample.columns().get(j),
                    baseline - softAuc(members, rule, new FeatureMatrix(sample.columns(), rows, sample.labels())));
        }
        return drops;
    }

    private static double softAuc(List<FittedModel> members, EnsembleVote rule, FeatureMatrix rows) {
        List<Scores> scores = new ArrayList<>();
        for (FittedModel member : members) {
            scores.add(member.score(rows.rows()));
        }
        return BinaryMetrics.rocAuc(rows.labels(), EnsembleScores.soft(scores, rule).hitProbability());
    }

    private PermutationImportance() {
    }
}
