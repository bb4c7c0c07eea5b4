package io.hitorflop.ingest.submission.domain;

import io.hitorflop.contract.features.FeatureViolation;

import java.util.List;

/** A submitted feature vector cannot be scored; each violation names its feature. */
public class InvalidFeaturesException extends Exception {

    private final transient List<FeatureViolation> violations;

    public InvalidFeaturesException(List<FeatureViolation> violations) {
        super(violations.size() + " feature(s) invalid: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FeatureViolation> violations() {
        return violations;
    }
}
