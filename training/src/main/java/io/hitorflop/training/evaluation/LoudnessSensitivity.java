package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.List;

/**
 * How much the verdict moves when loudness is off by a fixed offset: the feature service measures
 * integrated loudness (ITU-R BS.1770, LUFS) while the models learned Spotify's own dB figure; we
 * assume the two agree up to a few dB, and report what +/-3 dB would change.
 *
 * @param offsetDb              the shift added to every test row's loudness
 * @param hardVerdictsChanged   share of test rows whose hard-vote verdict changes
 * @param softVerdictsChanged   share whose soft-vote verdict changes
 * @param meanSoftShift         mean change of the soft P(HIT)
 * @param meanAbsSoftShift      mean absolute change of the soft P(HIT)
 * @param hardAccuracy          hard-vote accuracy on the shifted rows
 */
public record LoudnessSensitivity(double offsetDb, double hardVerdictsChanged, double softVerdictsChanged,
                                  double meanSoftShift, double meanAbsSoftShift, double hardAccuracy) {

    public static final String FEATURE = "loudness";

    /**
     * @param members the ensemble's fitted models
     * @param base    each member's scores of the unshifted {@code test} rows, in member order
     */
    public static LoudnessSensitivity measure(List<FittedModel> members, List<Scores> base, EnsembleVote rule,
                                              FeatureMatrix test, float offsetDb) {
        FeatureMatrix shifted = test.shifted(FEATURE, offsetDb);
        List<Scores> moved = new ArrayList<>();
        for (FittedModel member : members) {
            moved.add(member.score(shifted.rows()));
        }
        Scores hardBase = EnsembleScores.hard(base, rule);
        Scores hardMoved = EnsembleScores.hard(moved, rule);
        Scores softBase = EnsembleScores.soft(base, rule);
        Scores softMoved = EnsembleScores.soft(moved, rule);
        int n = test.size();
        int hardChanged = 0;
        int softChanged = 0;
        int hardCorrect = 0;
        double shift = 0;
        double absShift = 0;
        for (int i = 0; i < n; i++) {
            hardChanged += hardBase.label()[i] != hardMoved.label()[i] ? 1 : 0;
            softChanged += softBase.label()[i] != softMoved.label()[i] ? 1 : 0;
            hardCorrect += hardMoved.label()[i] == test.labels()[i] ? 1 : 0;
            double d = softMoved.hitProbability()[i] - softBase.hitProbability()[i];
            shift += d;
            absShift += Math.abs(d);
        }
        return new LoudnessSensitivity(offsetDb, (double) hardChanged / n, (double) softChanged / n, shift / n,
                absShift / n, (double) hardCorrect / n);
    }
}
