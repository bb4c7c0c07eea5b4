package io.hitorflop.inference.neighbours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance over reference points stored
 * column-major ({@code double[feature][position]}), so the per-feature loops are plain array sweeps
 * that C2 vectorises. Distances are summed in feature order in double precision and ties go to the
 * lower point index, as ONNX TopK orders equal values: the same k points as a full sort. Every
 * pruning bound below is summed in the same order from terms no larger (or no smaller) than a
 * distance's; floating-point addition is monotone, so the bounds hold exactly and a point is
 * skipped only when it is strictly farther than k others (branch and bound; Fukunaga &amp;
 * Narendra, IEEE Trans. Computers C-24(7), 1975).
 *
 * <p>Two searches, by what prunes in how many dimensions (measured on the explanation rows of the
 * shipped models; inference-service README, "KNN in Java"):
 * <ul>
 *   <li>up to {@value #BLOCK_SEARCH_UP_TO_FEATURES} features, each query searches blocks of up to
 *   {@value #BLOCK_SIZE} points (median splits along the widest feature, as a k-d tree's leaves;
 *   Friedman, Bentley &amp; Finkel, ACM TOMS 3(3), 1977) nearest box first;</li>
 *   <li>above, boxes prune little, so consecutive queries that take at most two values per feature
 *   (an explanation's rows mix the song with one background row) are bounded together: each point's
 *   smallest and largest distance to any query of the group, from the per-feature smallest and
 *   largest terms. The k-th smallest upper bound is no smaller than any of the group's k-th nearest
 *   distances, so a point whose lower bound exceeds it is a neighbour of none of them; the remaining
 *   candidates are measured exactly for each query.</li>
 * </ul>
 */
public final class NearestNeighbourScan {

    /** Queries bounded together at most: each is measured against all of the group's candidates. */
    private static final int MAX_GROUP = 64;
    /** Up to this many features, boxes prune: each query searches the blocks; above, queries are bounded in groups. */
    private static final int BLOCK_SEARCH_UP_TO_FEATURES = 8;
    /** Points per block at most (at least half as many): a block's box is bounded before its points. */
    private static final int BLOCK_SIZE = 32;

    /** The points' coordinates in block order, column-major: {@code columns[feature][position]}. */
    private final double[][] columns;
    /** The point index (its row in the constructor's array) at each position, and its inverse. */
    private final int[] pointAt;
    private final int[] positionOf;
    private final int size;
    /** Block b holds positions {@code blockStart[b]} to {@code blockStart[b + 1]}; its box is {@code boxLow/boxHigh[feature][b]}. */
    private final int[] blockStart;
    private final double[][] boxLow;
    private final double[][] boxHigh;

    public NearestNeighbourScan(double[][] points) {
        size = points.length;
        int dimensions = points[0].length;
        pointAt = new int[size];
        for (int i = 0; i < size; i++) {
            pointAt[i] = i;
        }
        List<Integer> starts = new ArrayList<>();
        partition(points, 0, size, starts);
        starts.add(size);
        blockStart = starts.stream().mapToInt(Integer::intValue).toArray();
        positionOf = new int[size];
        for (int position = 0; position < size; position++) {
            positionOf[pointAt[position]] = position;
        }
        int blocks = blockStart.length - 1;
        columns = new double[dimensions][size];
        boxLow = new double[dimensions][blocks];
        boxHigh = new double[dimensions][blocks];
        for (int feature = 0; feature < dimensions; feature++) {
            for (int position = 0; position < size; position++) {
                columns[feature][position] = points[pointAt[position]][feature];
            }
            for (int block = 0; block < blocks; block++) {
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (int position = blockStart[block]; position < blockStart[block + 1]; position++) {
                    low = Math.min(low, columns[feature][position]);
                    high = Math.max(high, columns[feature][position]);
                }
                boxLow[feature][block] = low;
                boxHigh[feature][block] = high;
            }
        }
    }

    public int size() {
        return size;
    }

    /** The {@code k} nearest points to {@code query}, nearest first; {@code squaredDistances} receives their distances. */
    public int[] nearest(double[] query, int k, double[] squaredDistances) {
        Neighbours[] found = new Scan(new double[][] {query}, Math.min(k, size)).run();
        return found[0].sorted(squaredDistances);
    }

    /** For each query, the indices of its {@code k} nearest points, nearest first. */
    public int[][] nearest(double[][] queries, int k) {
        Neighbours[] found = new Scan(queries, Math.min(k, size)).run();
        int[][] nearest = new int[queries.length][];
        for (int query = 0; query < queries.length; query++) {
            nearest[query] = found[query].sorted(null);
        }
        return nearest;
    }

    /** Median splits along the widest feature (as a k-d tree builds) until a block holds at most BLOCK_SIZE points. */
    private void partition(double[][] points, int from, int to, List<Integer> starts) {
        if (to - from <= BLOCK_SIZE) {
            starts.add(from);
            return;
        }
        int widest = 0;
        double widestSpread = -1;
        for (int feature = 0; feature < points[0].length; feature++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                low = Math.min(low, points[pointAt[i]][feature]);
                high = Math.max(high, points[pointAt[i]][feature]);
            }
            if (high - low > widestSpread) {
                widestSpread = high - low;
                widest = feature;
            }
        }
        int split = widest;
        Integer[] range = new Integer[to - from];
        for (int i = from; i < to; i++) {
            range[i - from] = pointAt[i];
        }
        Arrays.sort(range, Comparator.comparingDouble(point -> points[point][split]));
        for (int i = from; i < to; i++) {
            pointAt[i] = range[i - from];
        }
        int middle = (from + to) >>> 1;
        partition(points, from, middle, starts);
        partition(points, middle, to, starts);
    }

    /** One batch's scan with its working arrays (a scan per call keeps the class thread-safe). */
    private final class Scan {
        private final double[][] queries;
        private final int k;
        private final Neighbours[] found;
        private final double[] blockLower = new double[blockStart.length - 1];
        private final double[] lower = new double[size];
        private final double[] upper = new double[size];
        private final int[] candidates = new int[size];
        private final double[] distances = new double[size];
        /** The group's values per feature: {@code first[f]}, and {@code second[f]} when {@code twoValues[f]}. */
        private final double[] first;
        private final double[] second;
        private final boolean[] twoValues;
        private final double[][] candidateColumns;
        /** Per feature, two values (NaN: none yet) and each block's squared gap to them ({@link #squaredGaps}). */
        private final double[][] gapsValue;
        private final double[][][] gaps;
        private final int[] gapsLastUsed;

        Scan(double[][] queries, int k) {
            this.queries = queries;
            this.k = k;
            found = new Neighbours[queries.length];
            first = new double[columns.length];
            second = new double[columns.length];
            twoValues = new boolean[columns.length];
            candidateColumns = new double[columns.length][size];
            gapsValue = new double[columns.length][2];
            for (double[] values : gapsValue) {
                Arrays.fill(values, Double.NaN);
            }
            gaps = new double[columns.length][2][blockLower.length];
            gapsLastUsed = new int[columns.length];
        }

        Neighbours[] run() {
            if (columns.length <= BLOCK_SEARCH_UP_TO_FEATURES) {
                Neighbours previous = null;
                for (int q = 0; q < queries.length; q++) {
                    found[q] = searchBlocks(queries[q], previous);
                    previous = found[q];
                }
                return found;
            }
            int from = 0;
            while (from < queries.length) {
                int to = groupEnd(from);
                int count = boundedCandidates();
                gatherCandidates(count);
                for (int query = from; query < to; query++) {
                    found[query] = nearestCandidates(queries[query], count);
                }
                from = to;
            }
            return found;
        }

        /** Extends the group from {@code from} while each feature keeps at most two values; leaves them in first/second. */
        private int groupEnd(int from) {
            System.arraycopy(queries[from], 0, first, 0, first.length);
            Arrays.fill(twoValues, false);
            int to = from + 1;
            while (to < queries.length && to - from < MAX_GROUP && fitsGroup(queries[to])) {
                double[] query = queries[to++];
                for (int feature = 0; feature < first.length; feature++) {
                    if (!twoValues[feature] && query[feature] != first[feature]) {
                        second[feature] = query[feature];
                        twoValues[feature] = true;
                    }
                }
            }
            return to;
        }

        private boolean fitsGroup(double[] query) {
            for (int feature = 0; feature < first.length; feature++) {
                double value = query[feature];
                if (value != first[feature] && twoValues[feature] && value != second[feature]) {
                    return false;
                }
            }
            return true;
        }

        /** Bounds every point's distance to the group's queries; returns how many points are candidates (positions ascending). */
        private int boundedCandidates() {
            pointBounds();
            double bound = kthSmallest(upper, size, k);
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (lower[i] <= bound) {
                    candidates[count++] = i;
                }
            }
            return count;
        }

        /** Each point's smallest and largest distance to the group's queries, summed in feature order. */
        private void pointBounds() {
            Arrays.fill(lower, 0);
            Arrays.fill(upper, 0);
            for (int feature = 0; feature < columns.length; feature++) {
                double[] column = columns[feature];
                double a = first[feature];
                if (twoValues[feature]) {
                    double b = second[feature];
                    for (int point = 0; point < size; point++) {
                        double toA = a - column[point];
                        double toB = b - column[point];
                        double termA = toA * toA;
                        double termB = toB * toB;
                        lower[point] += Math.min(termA, termB);
                        upper[point] += Math.max(termA, termB);
                    }
                } else {
                    for (int point = 0; point < size; point++) {
                        double difference = a - column[point];
                        double term = difference * difference;
                        lower[point] += term;
                        upper[point] += term;
                    }
                }
            }
        }

        /** The m-th smallest of the first n values (infinite if fewer): a max-heap of the m smallest so far. */
        private double kthSmallest(double[] values, int n, int m) {
            double[] heap = new double[m];
            Arrays.fill(heap, Double.POSITIVE_INFINITY);
            for (int v = 0; v < n; v++) {
                double value = values[v];
                if (value < heap[0]) {
                    int at = 0;
                    while (true) {
                        int child = 2 * at + 1;
                        if (child >= m) {
                            break;
                        }
                        if (child + 1 < m && heap[child + 1] > heap[child]) {
                            child++;
                        }
                        if (heap[child] <= value) {
                            break;
                        }
                        heap[at] = heap[child];
                        at = child;
                    }
                    heap[at] = value;
                }
            }
            return heap[0];
        }

        /**
         * Best bin first: the blocks whose boxes are nearest to the query (enough to hold k points)
         * give a first k-th distance, then every block whose box is no farther than the k-th
         * distance so far is measured. A box's distance is summed like a point's from terms no
         * larger than any of its points' (the gap to the nearer face), so it never exceeds them.
         * The previous query's k neighbours bound this query's k-th distance too (their largest
         * distance to it): a block or point farther than that is skipped from the start.
         */
        private Neighbours searchBlocks(double[] query, Neighbours previous) {
            int blocks = blockLower.length;
            Arrays.fill(blockLower, 0);
            for (int feature = 0; feature < columns.length; feature++) {
                double[] gaps = squaredGaps(feature, query[feature]);
                for (int block = 0; block < blocks; block++) {
                    blockLower[block] += gaps[block];
                }
            }
            Neighbours nearest = new Neighbours(k);
            double bound = previous == null ? Double.POSITIVE_INFINITY : farthest(query, previous);
            double firstBound = Math.min(bound,
                    kthSmallest(blockLower, blocks, (k + BLOCK_SIZE / 2 - 1) / (BLOCK_SIZE / 2)));
            for (int block = 0; block < blocks; block++) {
                if (blockLower[block] <= firstBound) {
                    scanBlock(query, block, nearest, bound);
                    blockLower[block] = Double.POSITIVE_INFINITY;
                }
            }
            for (int block = 0; block < blocks; block++) {
                if (blockLower[block] <= Math.min(bound, nearest.worstDistance())) {
                    scanBlock(query, block, nearest, bound);
                }
            }
            return nearest;
        }

        /**
         * Each block's squared gap to {@code value} along the feature (to the nearer face of its
         * box, 0 inside). An explanation's rows take two values per feature (the song's and one
         * background row's), so the last two values' gaps per feature are kept and reused.
         */
        private double[] squaredGaps(int feature, double value) {
            for (int slot = 0; slot < 2; slot++) {
                if (gapsValue[feature][slot] == value) {
                    gapsLastUsed[feature] = slot;
                    return gaps[feature][slot];
                }
            }
            int slot = 1 - gapsLastUsed[feature];
            double[] low = boxLow[feature];
            double[] high = boxHigh[feature];
            double[] squared = gaps[feature][slot];
            for (int block = 0; block < squared.length; block++) {
                double gap = Math.max(low[block] - value, 0) + Math.max(value - high[block], 0);
                squared[block] = gap * gap;
            }
            gapsValue[feature][slot] = value;
            gapsLastUsed[feature] = slot;
            return squared;
        }

        /** The largest distance from the query to the k points of {@code previous}, summed as {@link #scanBlock} sums it. */
        private double farthest(double[] query, Neighbours previous) {
            double farthest = 0;
            for (int n = 0; n < previous.size(); n++) {
                int position = positionOf[previous.indexAt(n)];
                double distance = 0;
                for (int feature = 0; feature < columns.length; feature++) {
                    double difference = query[feature] - columns[feature][position];
                    distance += difference * difference;
                }
                farthest = Math.max(farthest, distance);
            }
            return farthest;
        }

        /** Measures the block's points and offers those no farther than {@code bound}. */
        private void scanBlock(double[] query, int block, Neighbours nearest, double bound) {
            int from = blockStart[block];
            int count = blockStart[block + 1] - from;
            Arrays.fill(distances, 0, count, 0);
            for (int feature = 0; feature < columns.length; feature++) {
                double value = query[feature];
                double[] column = columns[feature];
                for (int i = 0; i < count; i++) {
                    double difference = value - column[from + i];
                    distances[i] += difference * difference;
                }
            }
            for (int i = 0; i < count; i++) {
                if (distances[i] <= bound) {
                    nearest.offer(distances[i], pointAt[from + i]);
                }
            }
        }

        /** Copies the candidates' coordinates into contiguous columns, so each query's distances are one sweep. */
        private void gatherCandidates(int count) {
            for (int feature = 0; feature < columns.length; feature++) {
                double[] column = columns[feature];
                double[] gathered = candidateColumns[feature];
                for (int i = 0; i < count; i++) {
                    gathered[i] = column[candidates[i]];
                }
            }
        }

        private Neighbours nearestCandidates(double[] query, int count) {
            Arrays.fill(distances, 0, count, 0);
            for (int feature = 0; feature < columns.length; feature++) {
                double value = query[feature];
                double[] gathered = candidateColumns[feature];
                for (int i = 0; i < count; i++) {
                    double difference = value - gathered[i];
                    distances[i] += difference * difference;
                }
            }
            Neighbours nearest = new Neighbours(k);
            for (int i = 0; i < count; i++) {
                nearest.offer(distances[i], pointAt[candidates[i]]);
            }
            return nearest;
        }
    }
}
