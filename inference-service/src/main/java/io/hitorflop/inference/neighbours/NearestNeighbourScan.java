package io.hitorflop.inference.neighbours;

import java.util.Arrays;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance: a scan of every reference point,
 * stored column-major ({@code double[feature][point]}) so the per-feature loops are plain array
 * sweeps that C2 vectorises. Distances are summed in feature order in double precision and ties go
 * to the lower point index, as ONNX TopK orders equal values: the same k points as a full sort.
 *
 * <p>A batch is scanned in groups of consecutive queries that take at most two values per feature
 * (an explanation's rows mix the song with one background row). For a group, each point's smallest
 * and largest possible distance are summed from the per-feature smallest and largest terms over the
 * group's values, in the same order as a distance; floating-point addition is monotone, so the
 * bounds hold exactly: {@code lower <= distance <= upper} for every query of the group. The k-th
 * smallest upper bound is then no smaller than any of the group's k-th nearest distances, so a
 * point whose lower bound exceeds it is nearer to none of them (strictly farther: no tie to break)
 * and only the remaining candidates are measured exactly, query by query (branch and bound by
 * lower bounds; Fukunaga &amp; Narendra, IEEE Trans. Computers C-24(7), 1975).
 */
public final class NearestNeighbourScan {

    /** Queries bounded together; more queries per group widen no bound (still two values per feature) but a group's candidates are measured for each. */
    private static final int MAX_GROUP = 64;

    private final double[][] columns;
    private final int size;

    public NearestNeighbourScan(double[][] points) {
        size = points.length;
        int dimensions = points[0].length;
        columns = new double[dimensions][size];
        for (int point = 0; point < size; point++) {
            for (int feature = 0; feature < dimensions; feature++) {
                columns[feature][point] = points[point][feature];
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

    /** One batch's scan with its working arrays (a scan per call keeps the class thread-safe). */
    private final class Scan {
        private final double[][] queries;
        private final int k;
        private final Neighbours[] found;
        private final double[] lower = new double[size];
        private final double[] upper = new double[size];
        private final int[] candidates = new int[size];
        private final double[] distances = new double[size];
        /** The group's values per feature: {@code first[f]}, and {@code second[f]} when {@code twoValues[f]}. */
        private final double[] first;
        private final double[] second;
        private final boolean[] twoValues;
        private double[][] candidateColumns = new double[0][];

        Scan(double[][] queries, int k) {
            this.queries = queries;
            this.k = k;
            found = new Neighbours[queries.length];
            first = new double[columns.length];
            second = new double[columns.length];
            twoValues = new boolean[columns.length];
        }

        Neighbours[] run() {
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
                if (value != first[feature] && (twoValues[feature] && value != second[feature])) {
                    return false;
                }
            }
            return true;
        }

        /** Bounds every point's distance to the group's queries; returns how many points are candidates (indices ascending). */
        private int boundedCandidates() {
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
            double bound = kthSmallest(upper);
            int count = 0;
            for (int point = 0; point < size; point++) {
                if (lower[point] <= bound) {
                    candidates[count++] = point;
                }
            }
            return count;
        }

        /** The k-th smallest value: a max-heap of the k smallest so far, most values rejected by one comparison. */
        private double kthSmallest(double[] values) {
            double[] heap = new double[k];
            for (int i = 0; i < k; i++) {
                heap[i] = Double.POSITIVE_INFINITY;
            }
            for (double value : values) {
                if (value < heap[0]) {
                    int at = 0;
                    while (true) {
                        int child = 2 * at + 1;
                        if (child >= k) {
                            break;
                        }
                        if (child + 1 < k && heap[child + 1] > heap[child]) {
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

        /** Copies the candidates' coordinates into contiguous columns, so each query's distances are one sweep. */
        private void gatherCandidates(int count) {
            if (candidateColumns.length == 0 || candidateColumns[0].length < count) {
                candidateColumns = new double[columns.length][Math.max(count, 2 * (candidateColumns.length == 0 ? 0
                        : candidateColumns[0].length))];
            }
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
                nearest.offer(distances[i], candidates[i]);
            }
            return nearest;
        }
    }
}
