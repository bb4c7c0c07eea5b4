package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The model inputs are known (state FEATURES_READY): measured from audio by the feature service,
 * or submitted by the client.
 *
 * @param featureSet  {@code audio} or {@code spotify}: which models score it
 * @param features    model inputs by Spotify name, in the set's order
 * @param descriptors further measurements shown to the user, not fed to the models (empty for vectors)
 * @param dna         the song's spectral DNA; null for submitted vectors
 */
public record FeaturesReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                            String featureSet, Map<String, Double> features, Map<String, Double> descriptors,
                            SpectralDna dna) implements JobEvent {

    public static FeaturesReady of(UUID jobId, String featureSet, Map<String, Double> features,
                                   Map<String, Double> descriptors, SpectralDna dna) {
        return new FeaturesReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), featureSet, features,
                descriptors, dna);
    }
}
