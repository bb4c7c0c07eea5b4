package io.hitorflop.ingest.batch.domain;

import java.util.Optional;
import java.util.UUID;

/** The broker did not acknowledge a batch's events in time (503 queue-unavailable). */
public class BatchNotQueuedException extends RuntimeException {

    private final transient UUID batchId;

    /** Nothing of the batch was published: it does not exist. */
    public BatchNotQueuedException(String detail, Throwable cause) {
        super(detail + "; nothing was queued", cause);
        this.batchId = null;
    }

    /** The batch exists ({@code BatchAccepted} was published) but not all of its rows could be published. */
    public BatchNotQueuedException(UUID batchId, String detail, Throwable cause) {
        super(detail, cause);
        this.batchId = batchId;
    }

    /** The batch that exists although not all its rows were queued; its results say which were. */
    public Optional<UUID> batchId() {
        return Optional.ofNullable(batchId);
    }
}
