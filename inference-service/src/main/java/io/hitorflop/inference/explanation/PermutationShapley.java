package io.hitorflop.inference.explanation;

import ai.onnxruntime.OrtException;

import java.util.Random;

/**
 * An unbiased estimate of the interventional Shapley values (see {@link ShapleyExplainer}) for
 * sets too large to enumerate: permutation sampling (Castro, Gómez &amp; Tejada, Computers &amp;
 * Operations Research 36(5), 2009) with antithetic pairs, each permutation followed by its reverse
 * (Mitchell, Cooper, Frank &amp; Holmes, JMLR 23, 2022). For every background row b the same number
 * of permutations is walked from b to the song, switching one feature at a time to the song's
 * value; a feature's value is its mean marginal change. Each walk's order is uniformly distributed
 * (a reverse too), so each background row's estimate is unbiased, paired within the row or, with
 * one walk per row, with the next row. The changes along one walk telescope to
 * {@code f(x) - f(b)}, so the estimate is exactly additive like the exact values. The permutations
 * are drawn once from the seed: a song always gets the same values.
 */
public final class PermutationShapley implements ShapleyExplainer {

    private final float[][] background;
    private final int featureCount;
    /** Per background row, its permutations (feature indices in the order they switch to the song's value). */
    private final int[][][] permutations;

    public PermutationShapley(float[][] background, int permutationsPerBackgroundRow, long seed) {
        if (permutationsPerBackgroundRow < 1 || background.length * permutationsPerBackgroundRow % 2 != 0) {
            throw new IllegalArgumentException("antithetic pairs need an even number of walks, was "
                    + background.length + " background rows × " + permutationsPerBackgroundRow);
        }
        this.background = background.clone();
        this.featureCount = background[0].length;
        Random random = new Random(seed);
        permutations = new int[background.length][permutationsPerBackgroundRow][];
        // walks in order (row by row), each odd one the reverse of the one before: the pair is
        // within a row for an even count per row, across two rows for an odd one
        int[] previous = null;
        for (int walk = 0; walk < background.length * permutationsPerBackgroundRow; walk++) {
            previous = walk % 2 == 0 ? shuffled(featureCount, random) : reversed(previous);
            permutations[walk / permutationsPerBackgroundRow][walk % permutationsPerBackgroundRow] = previous;
        }
    }

    @Override
    public float[][] background() {
        return background.clone();
    }

    @Override
    public Attribution explain(float[] song, ProbabilityFunction f) throws OrtException {
        int backgroundRows = background.length;
        int walks = backgroundRows * permutations[0].length;
        int steps = featureCount - 1;
        // each background row followed by its walks' rows, so the rows mixing the song with one
        // row are adjacent (the KNN bounds such rows together)
        int rowsPerBackgroundRow = 1 + permutations[0].length * steps;
        float[][] rows = new float[1 + backgroundRows * rowsPerBackgroundRow][];
        rows[0] = song.clone();
        int next = 1;
        for (int b = 0; b < backgroundRows; b++) {
            rows[next++] = background[b].clone();
            for (int[] permutation : permutations[b]) {
                float[] row = background[b].clone();
                for (int step = 0; step < steps; step++) {
                    row[permutation[step]] = song[permutation[step]];
                    rows[next++] = row.clone();
                }
            }
        }
        double[] p = f.probabilities(rows);
        double baseline = 0;
        double[] shapley = new double[featureCount];
        for (int b = 0; b < backgroundRows; b++) {
            int walked = 1 + b * rowsPerBackgroundRow;
            double atBackgroundRow = p[walked++];
            baseline += atBackgroundRow / backgroundRows;
            for (int[] permutation : permutations[b]) {
                double previous = atBackgroundRow;
                for (int step = 0; step < featureCount; step++) {
                    double current = step == steps ? p[0] : p[walked++];
                    shapley[permutation[step]] += (current - previous) / walks;
                    previous = current;
                }
            }
        }
        return new Attribution(p[0], baseline, shapley);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static int[] reversed(int[] order) {
        int[] reverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            reverse[i] = order[order.length - 1 - i];
        }
        return reverse;
    }
}
