package io.hitorflop.inference.explanation;

import ai.onnxruntime.OrtException;

/**
 * Exact interventional Shapley values (see {@link ShapleyExplainer}) by enumerating all 2^F
 * coalitions: {@code phi_i = sum over S not containing i of |S|!(F-|S|-1)!/F! (v(S+i) - v(S))}
 * (Shapley 1953). One batch holds the song and, for each background row, that row with the values of
 * every coalition but the full one taken from the song (the empty one: the row itself; then in Gray
 * code order):
 * {@code 1 + (2^F - 1)|B|} rows.
 */
public final class ExactShapley implements ShapleyExplainer {

    private final float[][] background;
    private final int featureCount;
    private final double[] weightBySize;
    private final int[] coalitionOrder;

    public ExactShapley(float[][] background) {
        this.background = background.clone();
        this.featureCount = background[0].length;
        if (featureCount > 30) {
            throw new IllegalArgumentException("2^" + featureCount + " coalitions cannot be enumerated");
        }
        coalitionOrder = grayCodeOrder(featureCount);
        weightBySize = new double[featureCount];
        for (int size = 0; size < featureCount; size++) {
            weightBySize[size] = 1.0 / (featureCount * binomial(featureCount - 1, size));
        }
    }

    @Override
    public float[][] background() {
        return background.clone();
    }

    @Override
    public Attribution explain(float[] song, ProbabilityFunction f) throws OrtException {
        int full = (1 << featureCount) - 1;
        int backgroundRows = background.length;
        // background row by background row, so the rows mixing the song with one row are adjacent
        // (the KNN bounds such rows together); coalition 0 is the background row itself
        float[][] rows = new float[1 + backgroundRows * full][];
        rows[0] = song.clone();
        boolean[] inSong = new boolean[featureCount];
        int next = 1;
        for (float[] backgroundRow : background) {
            for (int coalition : coalitionOrder) {
                for (int feature = 0; feature < featureCount; feature++) {
                    inSong[feature] = (coalition & (1 << feature)) != 0;
                }
                rows[next++] = ShapleyExplainer.hybrid(song, backgroundRow, inSong);
            }
        }
        double[] p = f.probabilities(rows);
        double[] value = new double[full + 1];
        value[full] = p[0];
        for (int b = 0; b < backgroundRows; b++) {
            for (int step = 0; step < full; step++) {
                value[coalitionOrder[step]] += p[1 + b * full + step];
            }
        }
        for (int coalition = 0; coalition < full; coalition++) {
            value[coalition] /= backgroundRows;
        }
        double[] shapley = new double[featureCount];
        for (int coalition = 0; coalition <= full; coalition++) {
            int size = Integer.bitCount(coalition);
            for (int feature = 0; feature < featureCount; feature++) {
                int bit = 1 << feature;
                if ((coalition & bit) == 0) {
                    shapley[feature] += weightBySize[size] * (value[coalition | bit] - value[coalition]);
                }
            }
        }
        return new Attribution(value[full], value[0], shapley);
    }

    /**
     * Every coalition but the full one, in reflected binary (Gray) code order from the empty one: the
     * rows mixing the song with one background row then mostly differ from the previous row in one
     * feature, so each row's nearest neighbours are close to the previous row's and the KNN's bound
     * seeded from them prunes well.
     */
    private static int[] grayCodeOrder(int featureCount) {
        int full = (1 << featureCount) - 1;
        int[] order = new int[full];
        int next = 0;
        for (int step = 0; step <= full; step++) {
            int coalition = step ^ (step >>> 1);
            if (coalition != full) {
                order[next++] = coalition;
            }
        }
        return order;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
