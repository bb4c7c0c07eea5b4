package io.hitorflop.contract.features;

/** A feature that cannot be scored, and why; the API returns these in a 422 problem. */
public record FeatureViolation(String feature, String problem) {

    @Override
    public String toString() {
        return feature + " " + problem;
    }
}
