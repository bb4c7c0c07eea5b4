package io.hitorflop.feature.engine.signal;

import java.util.Arrays;

/** A growable array of primitive doubles, so long series (one value per block or frame) are not boxed. */
public final class DoubleSeries {

    private double[] values = new double[256];
    private int size;

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public double get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " >= " + size);
        }
        return values[index];
    }

    public int size() {
        return size;
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
