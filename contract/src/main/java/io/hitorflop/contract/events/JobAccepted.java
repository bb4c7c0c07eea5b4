package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job was accepted (state QUEUED).
 *
 * @param featureSet  the feature set its verdict will use ({@code audio} or {@code spotify})
 * @param sourceName  the uploaded file name or the submitted URL; null for feature vectors
 * @param owner       id of the API key that submitted the job; null when access control is off
 * @param webhookUrl  where the results service posts the job when it ends; null for none
 */
public record JobAccepted(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                          JobSource source, String featureSet, String sourceName,
                          String owner, String webhookUrl) implements JobEvent {

    public static JobAccepted of(UUID jobId, JobSource source, String featureSet, String sourceName) {
        return of(jobId, source, featureSet, sourceName, null, null);
    }

    public static JobAccepted of(UUID jobId, JobSource source, String featureSet, String sourceName,
                                 String owner, String webhookUrl) {
        return new JobAccepted(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), source, featureSet,
                sourceName, owner, webhookUrl);
    }
}
