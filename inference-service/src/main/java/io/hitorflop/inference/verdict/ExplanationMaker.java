package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.features.FeatureSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Explains the verdict {@link VerdictMaker} made of the same {@link FeaturesReady}: the Shapley
 * values of its probability ({@link Ensemble#explanation}). Nothing is explained for an event whose
 * submitter asked for no explanation ({@code explain == false}) or whose vector got no verdict (an
 * unknown set or an invalid vector: the verdict path reports those).
 */
@ApplicationScoped
public class ExplanationMaker {

    private final ModelRegistry models;

    ExplanationMaker(ModelRegistry models) {
        this.models = models;
    }

    public Optional<ExplanationReady> explain(FeaturesReady features) throws OrtException {
        if (!features.explanationWanted()) {
            return Optional.empty();
        }
        Optional<FeatureSet> set = VerdictMaker.featureSetOf(features);
        Map<String, Double> values = VerdictMaker.valuesOf(features);
        if (set.isEmpty() || !set.get().validate(values).isEmpty()) {
            return Optional.empty();
        }
        Ensemble ensemble = models.ensemble(set.get());
        Ensemble.Explanation explanation = ensemble.explanation(values);
        return Optional.of(new ExplanationReady(ExplanationReady.SCHEMA_VERSION, derivedEventId(features.eventId()),
                features.jobId(), Instant.now(), set.get().id(), ensemble.version(), explanation.baseline(),
                explanation.contributions()));
    }

    /** Name-based like the verdict's id, in its own name space: the explanation is another event. */
    static UUID derivedEventId(UUID incoming) {
        return UUID.nameUUIDFromBytes((VerdictMaker.STAGE + ":explanation:" + incoming).getBytes(StandardCharsets.UTF_8));
    }
}
