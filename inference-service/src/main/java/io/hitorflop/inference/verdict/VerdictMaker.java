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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Makes a job's verdict from its features ({@link VerdictReady}), or its failure when the vector
 * cannot be scored ({@link JobFailed}: an unknown feature set or an invalid vector, nothing
 * scored; a model answering something that is not a probability). The outcome's event id is
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
        UUID eventId = derivedEventId(features.eventId());
        FeatureSet set = Arrays.stream(FeatureSet.values())
                .filter(candidate -> candidate.id().equals(features.featureSet()))
                .findFirst()
                .orElse(null);
        if (set == null) {
            return failed(eventId, features.jobId(), ProblemType.INVALID_FEATURES,
                    "unknown feature set '" + features.featureSet() + "'");
        }
        Map<String, Double> values = features.features() == null ? Map.of() : features.features();
        List<FeatureViolation> violations = set.validate(values);
        if (!violations.isEmpty()) {
            return failed(eventId, features.jobId(), ProblemType.INVALID_FEATURES,
                    violations.stream().map(FeatureViolation::toString).collect(Collectors.joining("; ")));
        }
        Ensemble ensemble = models.ensemble(set);
        Verdict verdict;
        try {
            verdict = ensemble.judge(values);
        } catch (ModelOutputException broken) {
            return failed(eventId, features.jobId(), ProblemType.INFERENCE_FAILED, broken.getMessage());
        }
        return new VerdictReady(VerdictReady.SCHEMA_VERSION, eventId, features.jobId(), Instant.now(), set.id(),
                ensemble.version(), verdict);
    }

    private static JobFailed failed(UUID eventId, UUID jobId, ProblemType type, String reason) {
        return new JobFailed(JobEvent.SCHEMA_VERSION, eventId, jobId, Instant.now(), STAGE, type.uri(), reason);
    }

    /** A name-based (RFC 4122 version 3) UUID: the same input event always gives the same outcome id. */
    static UUID derivedEventId(UUID incoming) {
        return UUID.nameUUIDFromBytes((STAGE + ":" + incoming).getBytes(StandardCharsets.UTF_8));
    }
}
