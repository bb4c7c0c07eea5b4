package io.hitorflop.training.evaluation;

import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.data.TrackGroups;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-part figures of the five models and both votes, each metric with a 95% group-bootstrap
 * confidence interval.
 */
public record Evaluation(Map<String, Scores> scores, Map<String, BinaryMetrics> point,
                         Map<String, Map<String, double[]>> intervals, int[] truth, int testRows) {

    public static final String HARD_VOTE = "hard_vote";
    public static final String SOFT_VOTE = "soft_vote";
    /** The probability and label a verdict reports: the card's calibrated combination. */
    public static final String REPORTED = ModelCard.REPORTED_METRICS;

    /** The members' figures and those of both votes by {@code rule}, each model's scores keyed by its name. */
    public static Evaluation ofEnsemble(Map<String, Scores> members, EnsembleVote rule, int[] truth, TrackGroups groups,
                                        long seed) {
        return of(withVotes(members, rule), truth, groups, seed);
    }

    /** As {@link #ofEnsemble(Map, EnsembleVote, int[], TrackGroups, long)}, plus the verdict's {@code reported} probability and label. */
    public static Evaluation ofEnsemble(Map<String, Scores> members, EnsembleVote rule, ReportedProbability reported,
                                        int[] truth, TrackGroups groups, long seed) {
        Map<String, Scores> scores = withVotes(members, rule);
        scores.put(REPORTED, EnsembleScores.reported(members, reported));
        return of(scores, truth, groups, seed);
    }

    private static Map<String, Scores> withVotes(Map<String, Scores> members, EnsembleVote rule) {
        Map<String, Scores> scores = new LinkedHashMap<>(members);
        List<Scores> votes = new ArrayList<>(members.values());
        scores.put(HARD_VOTE, EnsembleScores.hard(votes, rule));
        scores.put(SOFT_VOTE, EnsembleScores.soft(votes, rule));
        return scores;
    }

    public static Evaluation of(Map<String, Scores> scores, int[] truth, TrackGroups groups, long seed) {
        Map<String, BinaryMetrics> point = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> intervals = new LinkedHashMap<>();
        GroupBootstrap bootstrap = new GroupBootstrap(groups, seed);
        scores.forEach((name, s) -> {
            point.put(name, BinaryMetrics.of(truth, s.hitProbability(), s.label()));
            intervals.put(name, bootstrap.intervals(truth, s));
        });
        return new Evaluation(scores, point, intervals, truth, truth.length);
    }

    /** metric -> {value, ci95Low, ci95High} per model, as the card stores it. */
    public Map<String, Object> asCardMetrics() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("testRows", testRows);
        out.put("confidence", "95% percentile interval, " + GroupBootstrap.RESAMPLES
                + " bootstrap resamples of whole artist groups of the test part");
        point.forEach((name, metrics) -> {
            Map<String, Object> perMetric = new LinkedHashMap<>();
            for (String metric : BinaryMetrics.NAMES) {
                double[] ci = intervals.get(name).get(metric);
                perMetric.put(metric, Map.of("value", round(metrics.get(metric)), "ci95Low", round(ci[0]), "ci95High", round(ci[1])));
            }
            out.put(name, perMetric);
        });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
