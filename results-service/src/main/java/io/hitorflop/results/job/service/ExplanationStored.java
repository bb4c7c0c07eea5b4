package io.hitorflop.results.job.service;

import java.util.UUID;

/**
 * A CDI event fired after a transaction that stored the explanation of job {@code jobId}'s verdict,
 * or that it will not come, has committed, so that open event streams of the job send it.
 */
public record ExplanationStored(UUID jobId) {
}
