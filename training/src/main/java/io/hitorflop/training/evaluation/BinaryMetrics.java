package io.hitorflop.training.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six figures reported for every classifier. ROC AUC is the Mann-Whitney U statistic with
 * mid-ranks for ties (Hanley &amp; McNeil 1982); Brier score is the mean squared error of P(HIT)
 * (Brier 1950).
 */
public record BinaryMetrics(double accuracy, double precision, double recall, double f1, double rocAuc, double brier) {

    public static final String[] NAMES = {"accuracy", "precision", "recall", "f1", "rocAuc", "brier"};

    public static BinaryMetrics of(int[] truth, double[] hitProbability, int[] label) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        double squaredError = 0;
        for (int i = 0; i < truth.length; i++) {
            if (label[i] == 1) {
                if (truth[i] == 1) tp++; else fp++;
            } else {
                if (truth[i] == 1) fn++; else tn++;
            }
            double error = hitProbability[i] - truth[i];
            squaredError += error * error;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics((double) (tp + tn) / truth.length, precision, recall, f1,
                rocAuc(truth, hitProbability), squaredError / truth.length);
    }

    public static double rocAuc(int[] truth, double[] score) {
        int n = truth.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (truth[order[t]] == 1) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    public double get(String name) {
        return switch (name) {
            case "accuracy" -> accuracy;
            case "precision" -> precision;
            case "recall" -> recall;
            case "f1" -> f1;
            case "rocAuc" -> rocAuc;
            case "brier" -> brier;
            default -> throw new IllegalArgumentException("unknown metric " + name);
        };
    }

    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (String name : NAMES) {
            map.put(name, get(name));
        }
        return map;
    }

    /** Counts [tn, fp, fn, tp]. */
    public static int[] confusion(int[] truth, int[] label) {
        int[] counts = new int[4];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i] * 2 + label[i]]++;
        }
        return counts;
    }
}
