package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Makes jobs' verdicts from their features ({@link VerdictReady}), or their failure when a vector
 * cannot be scored ({@link JobFailed}: an unknown feature set or an invalid vector, nothing
 * scored; a model answering something that is not a probability). A batch is scored per feature
 * set with one call per model; a bad vector fails only its own job. The outcome's event id is
 * derived from the incoming event id, so a redelivered record yields an event the results service
 * recognises as already processed.
 */
@ApplicationScoped
public class VerdictMaker {

    public static final String STAGE = "inference-service";

    private final ModelRegistry models;

    VerdictMaker(ModelRegistry models) {
        this.models = models;
    }

    public JobEvent make(FeaturesReady features) throws OrtException {
        return make(List.of(features)).get(0);
    }

    /** One outcome per event, in the events' order. */
    public List<JobEvent> make(List<FeaturesReady> batch) throws OrtException {
        JobEvent[] outcomes = new JobEvent[batch.size()];
        Map<FeatureSet, List<Integer>> scorable = new LinkedHashMap<>();
        for (int index = 0; index < outcomes.length; index++) {
            FeaturesReady features = batch.get(index);
            Optional<FeatureSet> set = featureSetOf(features);
            if (set.isEmpty()) {
                outcomes[index] = failed(features, ProblemType.INVALID_FEATURES,
                        "unknown feature set '" + features.featureSet() + "'");
                continue;
            }
            List<FeatureViolation> violations = set.get().validate(valuesOf(features));
            if (!violations.isEmpty()) {
                outcomes[index] = failed(features, ProblemType.INVALID_FEATURES,
                        violations.stream().map(FeatureViolation::toString).collect(Collectors.joining("; ")));
                continue;
            }
            scorable.computeIfAbsent(set.get(), unused -> new ArrayList<>()).add(index);
        }
        for (Map.Entry<FeatureSet, List<Integer>> group : scorable.entrySet()) {
            score(models.ensemble(group.getKey()), batch, group.getValue(), outcomes);
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Scores the group in one call per model; when a model answers the batch with something that
     * is not a probability, each song is scored alone, so only the songs it fails on fail.
     */
    private static void score(Ensemble ensemble, List<FeaturesReady> batch, List<Integer> group, JobEvent[] outcomes)
            throws OrtException {
        try {
            List<Verdict> verdicts = ensemble.judge(group.stream().map(index -> valuesOf(batch.get(index))).toList());
            for (int member = 0; member < group.size(); member++) {
                FeaturesReady features = batch.get(group.get(member));
                outcomes[group.get(member)] = verdictReady(ensemble, features,
                        verdicts.get(member).withExplanationFollowing(features.explanationWanted()));
            }
        } catch (ModelOutputException broken) {
            if (group.size() == 1) {
                outcomes[group.get(0)] = failed(batch.get(group.get(0)), ProblemType.INFERENCE_FAILED, broken.getMessage());
                return;
            }
            for (int index : group) {
                score(ensemble, batch, List.of(index), outcomes);
            }
        }
    }

    private static VerdictReady verdictReady(Ensemble ensemble, FeaturesReady features, Verdict verdict) {
        return new VerdictReady(VerdictReady.SCHEMA_VERSION, derivedEventId(features.eventId()), features.jobId(),
                Instant.now(), ensemble.featureSet().id(), ensemble.version(), verdict);
    }

    static Optional<FeatureSet> featureSetOf(FeaturesReady features) {
        return Arrays.stream(FeatureSet.values())
                .filter(candidate -> candidate.id().equals(features.featureSet()))
                .findFirst();
    }

    static Map<String, Double> valuesOf(FeaturesReady features) {
        return features.features() == null ? Map.of() : features.features();
    }

    private static JobFailed failed(FeaturesReady features, ProblemType type, String reason) {
        return new JobFailed(JobEvent.SCHEMA_VERSION, derivedEventId(features.eventId()), features.jobId(), Instant.now(),
                STAGE, type.uri(), reason);
    }

    /** A name-based (RFC 4122 version 3) UUID: the same input event always gives the same outcome id. */
    static UUID derivedEventId(UUID incoming) {
        return UUID.nameUUIDFromBytes((STAGE + ":" + incoming).getBytes(StandardCharsets.UTF_8));
    }
}
