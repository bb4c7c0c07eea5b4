package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param explain     whether the verdict carries an explanation; null (events before it) means true
 */
public record FeaturesReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                            String featureSet, Map<String, Double> features, Map<String, Double> descriptors,
                            SpectralDna dna, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean explain)
        implements JobEvent {

    /** Features whose verdict is explained (the form before {@code explain}). */
    public FeaturesReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt, String featureSet,
                         Map<String, Double> features, Map<String, Double> descriptors, SpectralDna dna) {
        this(schemaVersion, eventId, jobId, occurredAt, featureSet, features, descriptors, dna, null);
    }

    public static FeaturesReady of(UUID jobId, String featureSet, Map<String, Double> features,
                                   Map<String, Double> descriptors, SpectralDna dna) {
        return new FeaturesReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), featureSet, features,
                descriptors, dna);
    }

    /** A submitted vector whose verdict is explained only when {@code explain}. */
    public static FeaturesReady ofVector(UUID jobId, String featureSet, Map<String, Double> features, boolean explain) {
        return new FeaturesReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), featureSet, features,
                Map.of(), null, explain);
    }
}
