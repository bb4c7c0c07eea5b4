package io.hitorflop.launcher.analyze.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A batch as {@code GET /v1/batches/{id}} shows it: how many rows it has, how many are done, the
 * rows by status, and whether it is COMPLETE.
 *
 * @param rows     rows in the catalogue (accepted and rejected)
 * @param done     rows that reached a final status
 * @param progress done as a fraction of the rows, 0..1, as the server computes it
 */
public record BatchStatus(String id, String status, long rows, long accepted, long rejected, long done, double progress,
                          Map<String, Long> counts) {

    public static final String COMPLETE = "COMPLETE";

    public BatchStatus {
        counts = Map.copyOf(counts);
    }

    public static BatchStatus of(JsonNode batch) {
        Map<String, Long> counts = new TreeMap<>();
        batch.path("counts").fields().forEachRemaining(count -> counts.put(count.getKey(), count.getValue().asLong()));
        long rows = batch.path("rows").asLong();
        long done = batch.path("done").asLong();
        double progress = batch.hasNonNull("progress") ? batch.path("progress").asDouble()
                : rows == 0 ? 1 : (double) done / rows;
        return new BatchStatus(batch.path("id").asText(), batch.path("status").asText(), rows,
                batch.path("accepted").asLong(), batch.path("rejected").asLong(), done,
                Math.max(0, Math.min(1, progress)), counts);
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }
}
