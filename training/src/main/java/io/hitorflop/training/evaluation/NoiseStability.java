package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.MeasurementNoise;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How stable the verdict is when the features are measured by our engine instead of Spotify: each
 * test row is perturbed {@value #DRAWS} times with {@link MeasurementNoise} and scored again; the
 * figures are averaged over rows and draws.
 *
 * @param hardLabelsFlipped share of (row, draw) pairs whose hard-vote label differs from the clean row's
 * @param softLabelsFlipped the same for the soft vote's label
 * @param meanAbsSoftShift  mean absolute change of the soft P(HIT)
 * @param cleanSoftRocAuc   the soft vote's ROC AUC on the clean test rows
 * @param cleanHardAccuracy the hard vote's accuracy on the clean test rows
 * @param noisySoftRocAuc   the soft vote's ROC AUC on the perturbed rows (all draws pooled)
 */
public record NoiseStability(double hardLabelsFlipped, double softLabelsFlipped, double meanAbsSoftShift,
                             double cleanSoftRocAuc, double cleanHardAccuracy, double noisySoftRocAuc) {

    public static final int DRAWS = 5;

    public static NoiseStability measure(List<FittedModel> members, EnsembleVote rule, FeatureMatrix test,
                                         MeasurementNoise noise, long seed) {
        List<Scores> clean = score(members, test);
        Scores cleanHard = EnsembleScores.hard(clean, rule);
        Scores cleanSoft = EnsembleScores.soft(clean, rule);
        Random random = new Random(seed);
        int n = test.size();
        int hardFlipped = 0;
        int softFlipped = 0;
        double absShift = 0;
        double[] pooledScores = new double[n * DRAWS];
        int[] pooledTruth = new int[n * DRAWS];
        for (int draw = 0; draw < DRAWS; draw++) {
            List<Scores> noisy = score(members, noise.perturbed(test, random));
            Scores hard = EnsembleScores.hard(noisy, rule);
            Scores soft = EnsembleScores.soft(noisy, rule);
            for (int i = 0; i < n; i++) {
                hardFlipped += hard.label()[i] != cleanHard.label()[i] ? 1 : 0;
                softFlipped += soft.label()[i] != cleanSoft.label()[i] ? 1 : 0;
                absShift += Math.abs(soft.hitProbability()[i] - cleanSoft.hitProbability()[i]);
                pooledScores[draw * n + i] = soft.hitProbability()[i];
                pooledTruth[draw * n + i] = test.labels()[i];
            }
        }
        int pairs = n * DRAWS;
        int hardCorrect = 0;
        for (int i = 0; i < n; i++) {
            hardCorrect += cleanHard.label()[i] == test.labels()[i] ? 1 : 0;
        }
        return new NoiseStability((double) hardFlipped / pairs, (double) softFlipped / pairs, absShift / pairs,
                BinaryMetrics.rocAuc(test.labels(), cleanSoft.hitProbability()), (double) hardCorrect / n,
                BinaryMetrics.rocAuc(pooledTruth, pooledScores));
    }

    private static List<Scores> score(List<FittedModel> members, FeatureMatrix rows) {
        List<Scores> scores = new ArrayList<>();
        for (FittedModel member : members) {
            scores.add(member.score(rows.rows()));
        }
        return scores;
    }
}
