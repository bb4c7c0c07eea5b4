package io.hitorflop.results.batch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.domain.BatchStatus;
import io.hitorflop.results.batch.domain.CompletionRule;
import io.hitorflop.results.job.api.JobView.ProblemView;

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
                        @JsonInclude(JsonInclude.Include.NON_NULL) ProblemView failure, Instant createdAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Instant completedAt, Links links) {

    public record Links(String self, String results) {
    }

    public static BatchView of(Batch batch) {
        String self = "/v1/batches/" + batch.id();
        ProblemView failure = batch.lost() == 0 ? null
                : ProblemView.of(ProblemType.ROWS_LOST, CompletionRule.lostDetail(batch.lost(), batch.rows()));
        return new BatchView(batch.id(), batch.status(), batch.rows(), batch.accepted(), batch.rejected(),
                batch.counts(), batch.done(), batch.progress(), batch.lost(), failure, batch.createdAt(),
                batch.completedAt(), new Links(self, self + "/results"));
    }
}
