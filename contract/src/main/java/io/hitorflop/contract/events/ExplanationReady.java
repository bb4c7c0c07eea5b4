package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The Shapley explanation of a job's verdict, published on {@code hitorflop.explanations} after
 * the {@link VerdictReady} it explains (the verdict does not wait for it: an explanation costs
 * hundreds of model evaluations, the verdict one). Keyed by job id like every event. Not a
 * {@link JobEvent}: it moves no job to another state, it completes the verdict of a DONE job.
 *
 * @param eventId             derived from the {@link FeaturesReady} event it explains, so a redelivery
 *                            gives the same id
 * @param featureSet          the feature set the verdict was scored with
 * @param modelVersion        the model set's version, as in the verdict
 * @param explanationBaseline the expected probability over the model set's background set
 * @param explanation         interventional Shapley values, strongest first; they sum to the verdict's
 *                            probability minus {@code explanationBaseline}
 */
public record ExplanationReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt, String featureSet,
                               String modelVersion, double explanationBaseline,
                               List<FeatureContribution> explanation) {

    public static final int SCHEMA_VERSION = 1;
}
