package io.hitorflop.training.data;

import java.util.List;

/**
 * Rows of float32 feature vectors in a fixed column order, with their labels: the form every
 * learner and every ONNX graph consumes.
 */
public record FeatureMatrix(List<String> columns, float[][] rows, int[] labels) {

    public static FeatureMatrix of(List<Track> tracks, List<String> columns) {
        float[][] rows = new float[tracks.size()][columns.size()];
        int[] labels = new int[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            for (int j = 0; j < columns.size(); j++) {
                rows[i][j] = track.features().get(columns.get(j));
            }
            labels[i] = track.hit();
        }
        return new FeatureMatrix(List.copyOf(columns), rows, labels);
    }

    public int size() {
        return rows.length;
    }

    public int width() {
        return columns.size();
    }

    public FeatureMatrix subset(int[] indices) {
        float[][] picked = new float[indices.length][];
        int[] pickedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
            pickedLabels[i] = labels[indices[i]];
        }
        return new FeatureMatrix(columns, picked, pickedLabels);
    }

    /** A copy with {@code delta} added to one column (float32 arithmetic, as the runtime would see it). */
    public FeatureMatrix shifted(String column, float delta) {
        int j = columns.indexOf(column);
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
            copy[i][j] += delta;
        }
        return new FeatureMatrix(columns, copy, labels);
    }

    public double[] column(int j) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][j];
        }
        return values;
    }
}
