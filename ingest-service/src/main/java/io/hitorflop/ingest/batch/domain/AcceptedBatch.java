package io.hitorflop.ingest.batch.domain;

import java.util.UUID;

/** The 202 answer to {@code POST /v1/batches}; results-service serves the batch's state and results. */
public record AcceptedBatch(UUID id, int rows, int accepted, int rejected, Links links) {

    public record Links(String self, String results) {
    }

    static AcceptedBatch of(UUID id, int rows, int accepted, int rejected) {
        String self = "/v1/batches/" + id;
        return new AcceptedBatch(id, rows, accepted, rejected, new Links(self, self + "/results"));
    }
}
