package io.hitorflop.inference.explanation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's distinct rows, compared by value, and where each row of the batch went: an
 * explanation repeats rows (a mix of the song and a background row that agree on a feature equals
 * another mix; 993 {@code audio} rows hold about 520 distinct ones), so each model scores each
 * distinct row once and the scores are scattered back ({@link #scatter}).
 */
public final class DistinctRows {

    private final float[][] distinct;
    private final int[] distinctOf;

    public DistinctRows(float[][] rows) {
        Map<FeatureRow, Integer> indexOf = new HashMap<>();
        List<float[]> values = new ArrayList<>();
        distinctOf = new int[rows.length];
        for (int row = 0; row < rows.length; row++) {
            distinctOf[row] = indexOf.computeIfAbsent(new FeatureRow(rows[row]), key -> {
                values.add(key.values());
                return values.size() - 1;
            });
        }
        distinct = values.toArray(float[][]::new);
    }

    /** The distinct rows, in the order of their first occurrence. */
    public float[][] rows() {
        return distinct;
    }

    /** One value per row of the batch, from one value per distinct row. */
    public double[] scatter(double[] perDistinctRow) {
        double[] perRow = new double[distinctOf.length];
        for (int row = 0; row < perRow.length; row++) {
            perRow[row] = perDistinctRow[distinctOf[row]];
        }
        return perRow;
    }
}
