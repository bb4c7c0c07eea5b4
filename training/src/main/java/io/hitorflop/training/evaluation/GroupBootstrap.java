package io.hitorflop.training.evaluation;

import io.hitorflop.training.data.TrackGroups;
import io.hitorflop.training.learners.Scores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cluster bootstrap (Efron &amp; Tibshirani 1993, ch. 13; resampling whole groups because rows of
 * one artist are not independent): percentile 95% intervals for every metric.
 */
public final class GroupBootstrap {

    public static final int RESAMPLES = 1000;
    /** Coverage of the reported intervals. */
    public static final double CONFIDENCE = 0.95;
    private static final double TAIL = (1 - CONFIDENCE) / 2;

    private final int[][] resamples;

    public GroupBootstrap(TrackGroups groups, long seed) {
        List<List<Integer>> rowsOfGroup = new ArrayList<>();
        for (int g = 0; g < groups.count(); g++) {
            rowsOfGroup.add(new ArrayList<>());
        }
        for (int i = 0; i < groups.size(); i++) {
            rowsOfGroup.get(groups.componentOf(i)).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        resamples = new int[RESAMPLES][];
        for (int b = 0; b < RESAMPLES; b++) {
            List<Integer> rows = new ArrayList<>(groups.size() + 64);
            for (int g = 0; g < groups.count(); g++) {
                rows.addAll(rowsOfGroup.get(random.nextInt(groups.count())));
            }
            resamples[b] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public Map<String, double[]> intervals(int[] truth, Scores scores) {
        double[][] values = new double[BinaryMetrics.NAMES.length][RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            int[] rows = resamples[b];
            int[] t = new int[rows.length];
            double[] p = new double[rows.length];
            int[] l = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                t[i] = truth[rows[i]];
                p[i] = scores.hitProbability()[rows[i]];
                l[i] = scores.label()[rows[i]];
            }
            BinaryMetrics m = BinaryMetrics.of(t, p, l);
            for (int k = 0; k < BinaryMetrics.NAMES.length; k++) {
                values[k][b] = m.get(BinaryMetrics.NAMES[k]);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int k = 0; k < BinaryMetrics.NAMES.length; k++) {
            double[] sorted = values[k];
            Arrays.sort(sorted);
            out.put(BinaryMetrics.NAMES[k], new double[]{sorted[(int) Math.floor(TAIL * (RESAMPLES - 1))],
                    sorted[(int) Math.ceil((1 - TAIL) * (RESAMPLES - 1))]});
        }
        return out;
    }
}
