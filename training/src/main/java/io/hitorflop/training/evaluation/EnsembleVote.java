package io.hitorflop.training.evaluation;

import io.hitorflop.training.learners.Scores;

import java.util.List;

/**
 * The verdict rules of the inference service: hard vote = HIT when at least {@link #HARD_VOTE_MIN_HITS}
 * of the five models say HIT; soft vote = HIT when the mean P(HIT) is at least {@link #SOFT_THRESHOLD}.
 */
public final class EnsembleVote {

    public static final int HARD_VOTE_MIN_HITS = 3;
    public static final double SOFT_THRESHOLD = 0.5;

    public static Scores hard(List<Scores> members) {
        int n = members.get(0).label().length;
        double[] share = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            int hits = 0;
            for (Scores member : members) {
                hits += member.label()[i];
            }
            share[i] = (double) hits / members.size();
            label[i] = hits >= HARD_VOTE_MIN_HITS ? 1 : 0;
        }
        return new Scores(share, label);
    }

    public static Scores soft(List<Scores> members) {
        int n = members.get(0).label().length;
        double[] mean = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (Scores member : members) {
                sum += member.hitProbability()[i];
            }
            mean[i] = sum / members.size();
            label[i] = mean[i] >= SOFT_THRESHOLD ? 1 : 0;
        }
        return new Scores(mean, label);
    }

    private EnsembleVote() {
    }
}
