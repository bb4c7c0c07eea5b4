package io.hitorflop.results.job.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.results.job.domain.Job;

import java.time.Instant;

/**
 * A job in a list: what tells jobs apart, without the measurements (fetch the job for those);
 * {@code label} and {@code probability} (the verdict's P(HIT)) once the job is DONE.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSummaryView(String id, JobStatus status, JobSource source, String featureSet, String sourceName,
                             Instant createdAt, Instant updatedAt, Verdict.Label label, Double probability) {

    static JobSummaryView of(Job job) {
        Verdict verdict = job.publishedVerdict();
        return new JobSummaryView(job.id().toString(), job.status(), job.source(), job.featureSet(),
                job.sourceName(), job.createdAt(), job.updatedAt(),
                verdict == null ? null : verdict.label(), verdict == null ? null : verdict.probability());
    }
}
