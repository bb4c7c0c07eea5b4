package io.hitorflop.training.learners;

import io.hitorflop.training.data.FeatureMatrix;

import java.util.List;
import java.util.Map;

/** A library learning algorithm with its hyper-parameter search space. */
public interface Learner {

    /** One of {@link io.hitorflop.contract.models.ModelNames#ALL}. */
    String name();

    /** Library and version, for the card. */
    String library();

    /** Candidates tried by grouped cross-validation, in a fixed order. */
    List<Map<String, Object>> searchGrid(int featureCount);

    FittedModel fit(FeatureMatrix train, Map<String, Object> hyperparameters, long seed);

    static int intOf(Map<String, Object> hyperparameters, String key) {
        return ((Number) required(hyperparameters, key)).intValue();
    }

    static double doubleOf(Map<String, Object> hyperparameters, String key) {
        return ((Number) required(hyperparameters, key)).doubleValue();
    }

    private static Object required(Map<String, Object> hyperparameters, String key) {
        Object value = hyperparameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("hyper-parameter '" + key + "' missing from " + hyperparameters);
        }
        return value;
    }
}
