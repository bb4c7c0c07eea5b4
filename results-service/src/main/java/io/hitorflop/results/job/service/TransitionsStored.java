package io.hitorflop.results.job.service;

import java.util.UUID;

/**
 * A CDI event fired after a transaction that recorded new states of job {@code jobId} has
 * committed, so that open event streams of the job send them without polling the database.
 */
public record TransitionsStored(UUID jobId) {
}
