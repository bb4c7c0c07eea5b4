package io.hitorflop.inference.verdict;

import io.hitorflop.inference.neighbours.ReferenceTracks;

/**
 * The KNN model scored in Java over its reference tracks ({@link ReferenceTracks#nearest}: an exact
 * scan that bounds an explanation's similar rows together), instead of its ONNX graph, which holds
 * the distance to all training rows for every row of a batch (about 26,000 per row: too slow and
 * too large for the thousand rows of an explanation). It gives the graph's predictions: the same k
 * nearest rows (float32 scaling, double distances, ties to the lower index) and P(HIT) as the
 * float32 share of hits among them, HIT above one half ({@code KnnParityTest}).
 */
final class KnnClassifier implements Classifier {

    private final String name;
    private final ReferenceTracks tracks;
    private final int k;

    KnnClassifier(String name, ReferenceTracks tracks, int k) {
        if (k < 1 || k > tracks.size()) {
            throw new ModelSetException(name + ": k = " + k + " for " + tracks.size() + " reference tracks");
        }
        this.name = name;
        this.tracks = tracks;
        this.k = k;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClassifierOutput score(float[][] rows) {
        int[][] nearest = tracks.nearest(rows, k);
        boolean[] hit = new boolean[rows.length];
        double[] pHit = new double[rows.length];
        for (int row = 0; row < rows.length; row++) {
            int hits = 0;
            for (int neighbour : nearest[row]) {
                if (tracks.isHit(neighbour)) {
                    hits++;
                }
            }
            float share = hits / (float) k;
            pHit[row] = share;
            hit[row] = share > 0.5f;
        }
        return new ClassifierOutput(hit, pHit);
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
