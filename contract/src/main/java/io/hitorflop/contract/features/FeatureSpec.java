package io.hitorflop.contract.features;

/**
 * One model input: Spotify's name, unit and the range a value must lie in to be scored.
 *
 * @param integral whether only whole numbers are meaningful (key, mode, time_signature)
 */
public record FeatureSpec(String name, String unit, double min, double max, boolean integral, String description) {

    static FeatureSpec real(String name, String unit, double min, double max, String description) {
        return new FeatureSpec(name, unit, min, max, false, description);
    }

    static FeatureSpec whole(String name, String unit, double min, double max, String description) {
        return new FeatureSpec(name, unit, min, max, true, description);
    }

    /** Why {@code value} cannot be scored, or null when it can. */
    public String problemWith(Double value) {
        if (value == null) {
            return "is missing";
        }
        if (value.isNaN() || value.isInfinite()) {
            return "is not a finite number";
        }
        if (value < min || value > max) {
            return "must be between " + format(min) + " and " + format(max) + " " + unit + ", was " + format(value);
        }
        if (integral && value != Math.rint(value)) {
            return "must be a whole number, was " + value;
        }
        return null;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
