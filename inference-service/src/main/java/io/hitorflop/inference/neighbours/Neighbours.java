package io.hitorflop.inference.neighbours;

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
            replaceWorst(d, i);
        }
    }

    /** The kept points nearest first; empties the heap (the worst is taken off the top, k times). */
    int[] sorted(double[] squaredDistances) {
        int[] nearest = new int[size];
        for (int rank = size - 1; rank >= 0; rank--) {
            nearest[rank] = index[0];
            if (squaredDistances != null) {
                squaredDistances[rank] = distance[0];
            }
            removeWorst();
        }
        return nearest;
    }

    /** The point at position {@code at} of the heap (any order). */
    int indexAt(int at) {
        return index[at];
    }

    int size() {
        return size;
    }

    private void removeWorst() {
        size--;
        replaceWorst(distance[size], index[size]);
    }

    /** Puts (d, i) in the top's place and sifts it down. */
    private void replaceWorst(double d, int i) {
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

    private static boolean worse(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }
}
