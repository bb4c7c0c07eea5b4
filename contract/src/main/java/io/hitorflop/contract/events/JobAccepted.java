package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job was accepted (state QUEUED).
 *
 * @param featureSet  the feature set its verdict will use ({@code audio} or {@code spotify})
 * @param sourceName  the uploaded file name or the submitted URL; null for feature vectors
 * @param owner       id of the API key that submitted the job; null when access control is off
 * @param webhookUrl  where the results service posts the job when it ends; null for none
 * @param batchId     the batch ({@code POST /v1/batches}) the job is a row of; null for a single job
 * @param batchRow    the input line of the batch the job comes from; null for a single job
 * @param batchColumns the row's other columns (id, title, ...), echoed back in the batch's results; null for a single job
 * @param explain     a batch row's choice of an explanation, carried to a link row's {@code AudioReady}; null for a
 *                    single job (always explained)
 */
public record JobAccepted(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                          JobSource source, String featureSet, String sourceName,
                          String owner, String webhookUrl,
                          @JsonInclude(JsonInclude.Include.NON_NULL) UUID batchId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer batchRow,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> batchColumns,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean explain)
        implements JobEvent {

    /** A single job (no batch), the form before batches. */
    public JobAccepted(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt, JobSource source,
                       String featureSet, String sourceName, String owner, String webhookUrl) {
        this(schemaVersion, eventId, jobId, occurredAt, source, featureSet, sourceName, owner, webhookUrl,
                null, null, null, null);
    }

    public static JobAccepted of(UUID jobId, JobSource source, String featureSet, String sourceName) {
        return of(jobId, source, featureSet, sourceName, null, null);
    }

    public static JobAccepted of(UUID jobId, JobSource source, String featureSet, String sourceName,
                                 String owner, String webhookUrl) {
        return new JobAccepted(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), source, featureSet,
                sourceName, owner, webhookUrl);
    }

    /**
     * A job that is row {@code batchRow} of batch {@code batchId}; its webhook is the batch's, so it has none of
     * its own. {@code explain} travels with a link row until its {@code AudioReady} (a vector row's
     * {@code FeaturesReady} carries it itself).
     */
    public static JobAccepted ofBatchRow(UUID jobId, JobSource source, String featureSet, String sourceName,
                                         String owner, UUID batchId, int batchRow, Map<String, String> batchColumns,
                                         boolean explain) {
        return new JobAccepted(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), source, featureSet,
                sourceName, owner, null, batchId, batchRow, batchColumns, explain);
    }
}
