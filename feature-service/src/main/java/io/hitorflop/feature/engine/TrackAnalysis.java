package io.hitorflop.feature.engine;

import io.hitorflop.contract.events.SpectralDna;

import java.util.Map;

/**
 * Everything measured from one track.
 *
 * @param modelFeatures the {@code FeatureSet.AUDIO} inputs, by name, in the set's order
 * @param descriptors   further measurements for people, not fed to the models
 * @param dna           what the dashboard draws
 */
public record TrackAnalysis(Map<String, Double> modelFeatures, Map<String, Double> descriptors, SpectralDna dna) {

    public TrackAnalysis {
        modelFeatures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modelFeatures));
        descriptors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(descriptors));
    }
}
