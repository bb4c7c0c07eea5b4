package io.hitorflop.ingest.api;

import java.util.Map;

/** Body of a JSON submission: Spotify audio features by name. */
public record FeatureSubmission(Map<String, Double> features) {
}
