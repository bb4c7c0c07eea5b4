package io.hitorflop.ingest.submission.domain;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;

import java.time.Instant;
import java.util.UUID;

/** The part of a job's JSON ingest knows when it answers 202; the results service serves the rest. */
public record AcceptedJob(UUID id, JobStatus status, JobSource source, String featureSet, String sourceName,
                          Instant createdAt) {

    static AcceptedJob of(JobAccepted accepted) {
        return new AcceptedJob(accepted.jobId(), JobStatus.QUEUED, accepted.source(), accepted.featureSet(),
                accepted.sourceName(), accepted.occurredAt());
    }
}
