package io.hitorflop.inference.explanation;

import ai.onnxruntime.OrtException;

/**
 * Interventional Shapley values (Janzing, Minorics &amp; Blöbaum, AISTATS 2020; the "interventional
 * TreeSHAP/KernelSHAP" game of Lundberg &amp; Lee, NeurIPS 2017) against a fixed background set B:
 * the value of a coalition S is {@code v(S) = mean over b in B of f(x_S, b_rest)}, the song's values
 * on S and the background row's elsewhere. So {@code v(empty) = mean f(B)} is the baseline and
 * {@code v(all) = f(x)}, and the values sum to {@code f(x) - mean f(B)}.
 */
public interface ShapleyExplainer {

    /** How many features of a set are explained exactly; above this the permutation estimator is used. */
    int EXACT_UP_TO_FEATURES = 8;

    Attribution explain(float[] song, ProbabilityFunction f) throws OrtException;

    /** The background rows every explanation mixes the song with (and scores on their own). */
    float[][] background();

    /** Exact for small sets (2^F coalitions), the seeded permutation estimator for larger ones. */
    static ShapleyExplainer forBackground(float[][] background, int permutationsPerBackgroundRow, long seed) {
        return background[0].length <= EXACT_UP_TO_FEATURES
                ? new ExactShapley(background)
                : new PermutationShapley(background, permutationsPerBackgroundRow, seed);
    }

    /** A background row with the song's values wherever {@code inSong} is set. */
    static float[] hybrid(float[] song, float[] backgroundRow, boolean[] inSong) {
        float[] row = backgroundRow.clone();
        for (int feature = 0; feature < row.length; feature++) {
            if (inSong[feature]) {
                row[feature] = song[feature];
            }
        }
        return row;
    }
}
