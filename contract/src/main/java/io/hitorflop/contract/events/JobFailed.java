package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The job cannot finish (state FAILED).
 *
 * @param stage       the service or step that gave up, e.g. {@code feature-service}
 * @param problemType the RFC 9457 type URI of the reason (see {@link io.hitorflop.contract.ProblemType})
 * @param reason      human-readable detail
 */
public record JobFailed(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                        String stage, String problemType, String reason) implements JobEvent {

    public static JobFailed of(UUID jobId, String stage, String problemType, String reason) {
        return new JobFailed(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), stage, problemType, reason);
    }
}
