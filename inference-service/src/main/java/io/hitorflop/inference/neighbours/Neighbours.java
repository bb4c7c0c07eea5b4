package io.hitorflop.inference.neighbours;

import java.util.Arrays;

/** A bounded max-heap of (distance, index), the worst (largest distance, then largest index) on top. */
final class Neighbours {
    private final double[] distance;
    private final int[] index;
    private int size;

    Neighbours(int capacity) {
        distance = new double[capacity];
        index = new int[capacity];
    }

    /** The largest distance kept (infinite until k are kept). */
    double worstDistance() {
        return size < distance.length ? Double.POSITIVE_INFINITY : distance[0];
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
