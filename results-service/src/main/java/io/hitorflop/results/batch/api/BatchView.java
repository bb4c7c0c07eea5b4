package io.hitorflop.results.batch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.domain.BatchStatus;
import io.hitorflop.results.batch.domain.CompletionRule;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A batch as {@code GET /v1/batches/{id}} shows it (and the {@code batch.completed} webhook carries).
 *
 * @param counts  accepted rows by their job's status
 * @param done    accepted rows whose job is DONE or FAILED
 * @param lost    rows never read when the batch was completed (absent when none)
 * @param failure why rows are lost (problem type {@code rows-lost}); absent when none is
 */
public record BatchView(UUID id, BatchStatus status, int rows, int accepted, int rejected, Map<String, Integer> counts,
                        int done, double progress, @JsonInclude(JsonInclude.Include.NON_DEFAULT) int lost,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Failure failure, Instant createdAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Instant completedAt, Links links) {

    public record Links(String self, String results) {
    }

    /** The shape of a FAILED job's {@code failure}, without a stage. */
    public record Failure(String type, String title, String detail) {
    }

    public static BatchView of(Batch batch) {
        String self = "/v1/batches/" + batch.id();
        Failure failure = batch.lost() == 0 ? null : new Failure(ProblemType.ROWS_LOST.uri(), ProblemType.ROWS_LOST.title(),
                CompletionRule.lostDetail(batch.lost(), batch.rows()));
        return new BatchView(batch.id(), batch.status(), batch.rows(), batch.accepted(), batch.rejected(),
                batch.counts(), batch.done(), batch.progress(), batch.lost(), failure, batch.createdAt(),
                batch.completedAt(), new Links(self, self + "/results"));
    }
}
