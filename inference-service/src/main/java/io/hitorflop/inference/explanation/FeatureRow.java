package io.hitorflop.inference.explanation;

import java.util.Arrays;

/** A feature row compared by value, as a map key. */
record FeatureRow(float[] values) {

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureRow row && Arrays.equals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
