package io.hitorflop.training.report;

import io.hitorflop.training.evaluation.BinaryMetrics;
import io.hitorflop.training.evaluation.Reliability;
import io.hitorflop.training.learners.Scores;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The report's PNG figures, drawn with XChart. */
final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One ROC curve per model and vote (true-positive rate against false-positive rate). */
    static void roc(Path file, String title, Map<String, Scores> scores, int[] truth) {
        XYChart chart = new XYChartBuilder().width(720).height(560).title(title)
                .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
        chart.getStyler().setMarkerSize(0);
        scores.forEach((name, s) -> {
            double[][] curve = rocCurve(truth, s.hitProbability());
            chart.addSeries(String.format("%s (AUC %.3f)", name, BinaryMetrics.rocAuc(truth, s.hitProbability())), curve[0], curve[1]);
        });
        XYSeries chance = chart.addSeries("chance", new double[]{0, 1}, new double[]{0, 1});
        chance.setLineColor(Color.GRAY);
        chance.setMarker(SeriesMarkers.NONE);
        save(chart, file);
    }

    static double[][] rocCurve(int[] truth, double[] score) {
        Integer[] order = new Integer[truth.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        long positives = Arrays.stream(truth).filter(t -> t == 1).count();
        long negatives = truth.length - positives;
        List<Double> fpr = new ArrayList<>(List.of(0.0));
        List<Double> tpr = new ArrayList<>(List.of(0.0));
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (truth[order[k]] == 1) tp++; else fp++;
            boolean thresholdEnds = k == order.length - 1 || score[order[k + 1]] != score[order[k]];
            if (thresholdEnds) {
                fpr.add((double) fp / negatives);
                tpr.add((double) tp / positives);
            }
        }
        return new double[][]{fpr.stream().mapToDouble(Double::doubleValue).toArray(),
                tpr.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    /** Reliability diagram: per probability bin, the share of hits against the mean predicted P(HIT). */
    static void reliability(Path file, String title, Map<String, Reliability> curves) {
        XYChart chart = new XYChartBuilder().width(720).height(560).title(title)
                .xAxisTitle("mean predicted P(HIT) in the bin").yAxisTitle("share of hits in the bin").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        curves.forEach((name, curve) -> {
            if (!curve.bins().isEmpty()) {
                chart.addSeries(String.format("%s (ECE %.3f)", name, curve.expectedCalibrationError()),
                        curve.bins().stream().mapToDouble(Reliability.Bin::meanPredicted).toArray(),
                        curve.bins().stream().mapToDouble(Reliability.Bin::observed).toArray());
            }
        });
        XYSeries perfect = chart.addSeries("perfectly calibrated", new double[]{0, 1}, new double[]{0, 1});
        perfect.setLineColor(Color.GRAY);
        perfect.setMarker(SeriesMarkers.NONE);
        save(chart, file);
    }

    /** Confusion matrix counts as a heat map (rows: truth, columns: verdict). */
    static void confusion(Path file, String title, int[] counts) {
        HeatMapChart chart = new HeatMapChartBuilder().width(420).height(380).title(title)
                .xAxisTitle("verdict").yAxisTitle("truth").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[]{new Color(235, 242, 250), new Color(40, 90, 160)});
        List<Number[]> cells = List.of(
                new Number[]{0, 0, counts[0]}, new Number[]{1, 0, counts[1]},
                new Number[]{0, 1, counts[2]}, new Number[]{1, 1, counts[3]});
        chart.addSeries("counts", List.of("FLOP", "HIT"), List.of("FLOP", "HIT"), cells);
        save(chart, file);
    }

    /** Horizontal-style bar chart of permutation importances. */
    static void importance(Path file, String title, Map<String, Double> drops) {
        CategoryChart chart = new CategoryChartBuilder().width(720).height(420).title(title)
                .xAxisTitle("feature").yAxisTitle("drop in soft-vote ROC AUC when shuffled").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("importance", new ArrayList<>(drops.keySet()), new ArrayList<>(drops.values()));
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Plots() {
    }
}
