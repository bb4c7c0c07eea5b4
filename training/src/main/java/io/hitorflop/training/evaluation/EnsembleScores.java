package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.learners.Scores;

import java.util.List;
import java.util.Map;

/**
 * The ensemble's scores for a batch of rows, counted by the card's {@link EnsembleVote} rule, so
 * training evaluates exactly what the inference service will answer.
 */
public final class EnsembleScores {

    /** Per row: the share of members labelling it HIT as the score, the rule's hard vote as the label. */
    public static Scores hard(List<Scores> members, EnsembleVote rule) {
        int n = members.get(0).label().length;
        double[] share = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            int hits = 0;
            for (Scores member : members) {
                hits += member.label()[i];
            }
            share[i] = (double) hits / members.size();
            label[i] = rule.hardSaysHit(hits) ? 1 : 0;
        }
        return new Scores(share, label);
    }

    /** Per row: the members' mean P(HIT) as the score, the rule's soft vote as the label. */
    public static Scores soft(List<Scores> members, EnsembleVote rule) {
        int n = members.get(0).label().length;
        double[] mean = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (Scores member : members) {
                sum += member.hitProbability()[i];
            }
            mean[i] = sum / members.size();
            label[i] = rule.softSaysHit(mean[i]) ? 1 : 0;
        }
        return new Scores(mean, label);
    }

    /** Per row: the card's calibrated combined P(HIT) as the score, HIT at or above its threshold. */
    public static Scores reported(Map<String, Scores> membersByName, ReportedProbability reported) {
        List<Scores> members = ModelNames.ALL.stream().map(membersByName::get).toList();
        int n = members.get(0).label().length;
        double[] probability = new double[n];
        int[] label = new int[n];
        double[] row = new double[members.size()];
        for (int i = 0; i < n; i++) {
            for (int member = 0; member < row.length; member++) {
                row[member] = members.get(member).hitProbability()[i];
            }
            probability[i] = reported.of(row);
            label[i] = reported.saysHit(probability[i]) ? 1 : 0;
        }
        return new Scores(probability, label);
    }

    private EnsembleScores() {
    }
}
