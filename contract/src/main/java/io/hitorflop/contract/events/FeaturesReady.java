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
 * @param explain     whether the verdict gets a Shapley explanation ({@link ExplanationReady}); copied from
 *                    {@link AudioReady#explain()}; null (events written before it existed) means yes
 */
public record FeaturesReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                            String featureSet, Map<String, Double> features, Map<String, Double> descriptors,
                            SpectralDna dna, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean explain)
        implements JobEvent {

    /** An event in the form before {@code explain} existed: the verdict is explained. */
    public FeaturesReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt, String featureSet,
                         Map<String, Double> features, Map<String, Double> descriptors, SpectralDna dna) {
        this(schemaVersion, eventId, jobId, occurredAt, featureSet, features, descriptors, dna, null);
    }

    /** False only when the submitter asked for no explanation (catalogue rows); null counts as true. */
    public boolean explanationWanted() {
        return !Boolean.FALSE.equals(explain);
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
