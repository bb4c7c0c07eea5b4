package io.hitorflop.launcher.analyze.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A batch as {@code GET /v1/batches/{id}} shows it: how many rows it has, how many are done, the
 * rows by status, and whether it is COMPLETE.
 *
 * @param rows       rows in the catalogue (accepted and rejected)
 * @param accepted   rows that became jobs: what there is to score
 * @param done       accepted rows whose job is DONE or FAILED
 * @param progress   done as a fraction of the accepted rows, 0..1, as the server computes it
 * @param lost       rows the server never read (ingest stopped while queueing the batch, or a row
 *                   could not be stored): not in the results
 * @param lostDetail the server's word on them (its {@code failure.detail}); empty when none are lost
 */
public record BatchStatus(String id, String status, long rows, long accepted, long rejected, long done, double progress,
                          Map<String, Long> counts, long lost, String lostDetail) {

    public static final String COMPLETE = "COMPLETE";

    public BatchStatus {
        counts = Map.copyOf(counts);
    }

    public static BatchStatus of(JsonNode batch) {
        Map<String, Long> counts = new TreeMap<>();
        batch.path("counts").fields().forEachRemaining(count -> counts.put(count.getKey(), count.getValue().asLong()));
        long accepted = batch.path("accepted").asLong();
        long done = batch.path("done").asLong();
        double progress = batch.hasNonNull("progress") ? batch.path("progress").asDouble()
                : accepted == 0 ? 1 : (double) done / accepted;
        return new BatchStatus(batch.path("id").asText(), batch.path("status").asText(), batch.path("rows").asLong(),
                accepted, batch.path("rejected").asLong(), done, Math.max(0, Math.min(1, progress)), counts,
                batch.path("lost").asLong(), batch.path("failure").path("detail").asText(""));
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }
}
