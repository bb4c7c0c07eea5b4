package io.hitorflop.inference.neighbours;

import java.util.Arrays;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance (Friedman, Bentley &amp; Finkel,
 * ACM TOMS 3(3), 1977): a median-split tree whose subtrees are skipped only when the query's
 * distance to the subtree's bounding box is already larger than the k-th best. That bound is summed
 * term by term in the same order as the distances, each term no larger than the point's, so in
 * floating point too it never exceeds a point's computed distance: nothing is skipped wrongly. Ties are broken by
 * the lower point index, as ONNX TopK orders equal values, so the same k points are returned as by
 * a brute-force sort; distances are summed in feature order in double precision.
 */
public final class KdTree {

    private static final int LEAF_SIZE = 12;

    private final double[][] points;
    private final int dimensions;
    private final int[] order;
    /** Per node: split dimension (or -1 for a leaf), split value, children, and its range of {@link #order}. */
    private int[] splitDimension;
    private double[] splitValue;
    private int[] left;
    private int[] right;
    private int[] start;
    private int[] end;
    /** Per node, the bounding box of its points: {@code low[node * dimensions + d]}, likewise {@code high}. */
    private double[] low;
    private double[] high;
    private int nodes;

    public KdTree(double[][] points) {
        this.points = points;
        this.dimensions = points[0].length;
        this.order = new int[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // median splits stop above LEAF_SIZE, so every leaf holds at least LEAF_SIZE / 2 points
        int capacity = 2 * (points.length / (LEAF_SIZE / 2) + 1);
        splitDimension = new int[capacity];
        splitValue = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        low = new double[capacity * dimensions];
        high = new double[capacity * dimensions];
        build(0, points.length);
    }

    public int size() {
        return points.length;
    }

    /** The {@code k} nearest points to {@code query}, nearest first; {@code squaredDistances} receives their distances. */
    public int[] nearest(double[] query, int k, double[] squaredDistances) {
        Neighbours found = new Neighbours(Math.min(k, points.length));
        search(0, query, found);
        return found.sorted(squaredDistances);
    }

    private int build(int from, int to) {
        int node = nodes++;
        start[node] = from;
        end[node] = to;
        int widest = 0;
        double widestSpread = -1;
        for (int d = 0; d < dimensions; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = points[order[i]][d];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            low[node * dimensions + d] = min;
            high[node * dimensions + d] = max;
            if (max - min > widestSpread) {
                widestSpread = max - min;
                widest = d;
            }
        }
        if (to - from <= LEAF_SIZE) {
            splitDimension[node] = -1;
            return node;
        }
        int middle = (from + to) >>> 1;
        select(from, to - 1, middle, widest);
        splitDimension[node] = widest;
        splitValue[node] = points[order[middle]][widest];
        left[node] = build(from, middle);
        right[node] = build(middle, to);
        return node;
    }

    /** Quickselect: afterwards order[from..kth) &lt;= order[kth] &lt;= order(kth..to] along dimension d. */
    private void select(int from, int to, int kth, int d) {
        while (from < to) {
            double pivot = points[order[(from + to) >>> 1]][d];
            int i = from;
            int j = to;
            while (i <= j) {
                while (points[order[i]][d] < pivot) {
                    i++;
                }
                while (points[order[j]][d] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int swap = order[i];
                    order[i++] = order[j];
                    order[j--] = swap;
                }
            }
            if (kth <= j) {
                to = j;
            } else if (kth >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    private void search(int node, double[] query, Neighbours found) {
        int d = splitDimension[node];
        if (d < 0) {
            for (int i = start[node]; i < end[node]; i++) {
                int index = order[i];
                double[] point = points[index];
                // partial distance search: the partial sums only grow, so a point is dropped as soon
                // as it is farther than the k-th best (it could only tie it with a larger index)
                double worst = found.full() ? found.worstDistance() : Double.POSITIVE_INFINITY;
                double distance = 0;
                int j = 0;
                while (j < dimensions && distance <= worst) {
                    double difference = query[j] - point[j];
                    distance += difference * difference;
                    j++;
                }
                if (j == dimensions) {
                    found.offer(distance, index);
                }
            }
            return;
        }
        boolean leftFirst = query[d] < splitValue[node];
        int near = leftFirst ? left[node] : right[node];
        int far = leftFirst ? right[node] : left[node];
        if (!found.full() || boxDistance(near, query) <= found.worstDistance()) {
            search(near, query, found);
        }
        if (!found.full() || boxDistance(far, query) <= found.worstDistance()) {
            search(far, query, found);
        }
    }

    /** The squared distance from the query to the node's bounding box, summed in feature order. */
    private double boxDistance(int node, double[] query) {
        double distance = 0;
        int base = node * dimensions;
        for (int j = 0; j < dimensions; j++) {
            double q = query[j];
            double below = low[base + j];
            double above = high[base + j];
            if (q < below) {
                double difference = q - below;
                distance += difference * difference;
            } else if (q > above) {
                double difference = q - above;
                distance += difference * difference;
            }
        }
        return distance;
    }

    /** A bounded max-heap of (distance, index), the worst (largest distance, then largest index) on top. */
    private static final class Neighbours {
        private final double[] distance;
        private final int[] index;
        private int size;

        Neighbours(int capacity) {
            distance = new double[capacity];
            index = new int[capacity];
        }

        boolean full() {
            return size == distance.length;
        }

        double worstDistance() {
            return distance[0];
        }

        void offer(double d, int i) {
            if (size < distance.length) {
                int at = size++;
                while (at > 0) {
                    int parent = (at - 1) >>> 1;
                    if (!worse(d, i, distance[parent], index[parent])) {
                        break;
                    }
                    distance[at] = distance[parent];
                    index[at] = index[parent];
                    at = parent;
                }
                distance[at] = d;
                index[at] = i;
            } else if (worse(distance[0], index[0], d, i)) {
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && worse(distance[child + 1], index[child + 1], distance[child], index[child])) {
                        child++;
                    }
                    if (!worse(distance[child], index[child], d, i)) {
                        break;
                    }
                    distance[at] = distance[child];
                    index[at] = index[child];
                    at = child;
                }
                distance[at] = d;
                index[at] = i;
            }
        }

        int[] sorted(double[] squaredDistances) {
            Integer[] byRank = new Integer[size];
            for (int i = 0; i < size; i++) {
                byRank[i] = i;
            }
            Arrays.sort(byRank, (a, b) -> worse(distance[a], index[a], distance[b], index[b]) ? 1
                    : worse(distance[b], index[b], distance[a], index[a]) ? -1 : 0);
            int[] nearest = new int[size];
            for (int rank = 0; rank < size; rank++) {
                nearest[rank] = index[byRank[rank]];
                if (squaredDistances != null) {
                    squaredDistances[rank] = distance[byRank[rank]];
                }
            }
            return nearest;
        }

        private static boolean worse(double d1, int i1, double d2, int i2) {
            return d1 > d2 || (d1 == d2 && i1 > i2);
        }
    }
}
