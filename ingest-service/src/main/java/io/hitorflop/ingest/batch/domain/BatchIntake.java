package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.BatchRowsRejected;
import io.hitorflop.contract.batches.RejectedRow;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.ingest.batch.messaging.BatchEventPublisher;
import io.hitorflop.ingest.batch.persistence.RunningBatches;
import io.hitorflop.ingest.config.BatchConfig;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.submission.domain.ForbiddenUrlException;
import io.hitorflop.ingest.submission.domain.InvalidFieldException;
import io.hitorflop.ingest.submission.domain.SubmissionLimits;
import io.hitorflop.ingest.submission.messaging.JobEventPublisher;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.ForbiddenDestinationException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a batch file into jobs, in two passes over the file (kept on disk, never in memory):
 * the first reads and validates every row, counts them and refuses the whole batch when it is
 * over a limit; then {@code BatchAccepted} is published, and the second pass publishes each valid
 * row as a job ({@code JobAccepted} with the batch id, its line and its echoed columns, plus
 * {@code FeaturesReady} for a vector) in Kafka transactions of {@code jobs-per-transaction} jobs,
 * and the refused rows, with their echoed columns, in {@code BatchRowsRejected} events. The first
 * pass keeps only each refused row's line and reason, so memory does not grow with the file.
 * When the broker fails a transaction of jobs after {@code BatchAccepted} was published, the rows
 * of that transaction and all the valid rows after it are published as rejected rows with
 * {@code queue-unavailable} (results-service counts them FAILED), so that the batch still
 * completes, and the caller gets 503 with the batch's {@code Location}.
 */
@ApplicationScoped
public class BatchIntake {

    private static final Logger LOG = Logger.getLogger(BatchIntake.class);
    /** Characters of rejected rows per {@code BatchRowsRejected}, well within a 1 MiB Kafka record. */
    private static final int REJECTIONS_CHARS_PER_EVENT = 256 * 1024;
    /** Seconds a caller with all its batch slots taken is told to wait. */
    private static final int RETRY_RUNNING_SECONDS = 30;

    private final BatchConfig config;
    private final SubmissionLimits limits;
    private final EgressGuard guard;
    private final JobEventPublisher jobs;
    private final BatchEventPublisher batches;
    private final RunningBatches running;

    BatchIntake(BatchConfig config, IngestConfig ingest, EgressGuard guard, JobEventPublisher jobs,
                BatchEventPublisher batches, RunningBatches running) {
        this.config = config;
        this.limits = new SubmissionLimits(ingest.limits());
        this.guard = guard;
        this.jobs = jobs;
        this.batches = batches;
        this.running = running;
    }

    /** A refusal found by the first pass: what the second needs to report the row. */
    private record Refusal(ProblemType type, String detail) {
    }

    private record FirstPass(int rows, List<String> columns, Map<Integer, Refusal> refused) {
    }

    public AcceptedBatch submit(Path file, BatchFormat format, BatchRequest request)
            throws UnreadableBatchException, BatchRefusedException, InvalidFieldException, ForbiddenUrlException,
            IOException {
        String webhookUrl = request.submitter().webhookUrl();
        if (webhookUrl != null) {
            webhookUrl = limits.url("webhookUrl", webhookUrl);
            try {
                guard.vet(webhookUrl);
            } catch (ForbiddenDestinationException forbidden) {
                throw new ForbiddenUrlException("webhookUrl", forbidden.getMessage());
            }
        }
        RowValidator validator = new RowValidator(request.vectors(), limits, guard, config.maxColumnChars());
        FirstPass first = validate(file, format, validator);
        int rejected = first.refused().size();
        int accepted = first.rows() - rejected;
        UUID batchId = UUID.randomUUID();
        String owner = request.submitter().owner();
        Instant now = Instant.now();
        if (!running.reserve(batchId, owner, now, config.maxRunningPerKey(), now.minus(config.runningExpiresAfter()))) {
            throw new BatchRefusedException(ProblemType.TOO_MANY_BATCHES, "this caller has "
                    + config.maxRunningPerKey() + " batches running; submit this one when one of them is complete",
                    RETRY_RUNNING_SECONDS);
        }
        try {
            batches.publish(BatchAccepted.of(batchId, owner, first.rows(), accepted, rejected, first.columns(),
                    webhookUrl, request.explain()));
        } catch (RuntimeException notAcknowledged) {
            running.release(batchId);
            throw new BatchNotQueuedException("the batch could not be queued: the message broker did not confirm it",
                    notAcknowledged);
        }
        publishRows(file, format, validator.withoutGuard(), first, batchId, request);
        LOG.infof("accepted batch %s: %d rows, %d queued as jobs, %d rejected", batchId, first.rows(), accepted,
                rejected);
        return AcceptedBatch.of(batchId, first.rows(), accepted, rejected);
    }

    private FirstPass validate(Path file, BatchFormat format, RowValidator validator)
            throws UnreadableBatchException, BatchRefusedException, IOException {
        Map<Integer, Refusal> refused = new HashMap<>();
        int rows = 0;
        try (InputStream in = Files.newInputStream(file); BatchRows reader = BatchRows.open(format, in)) {
            for (InputRow row = reader.next(); row != null; row = reader.next()) {
                if (++rows > config.maxRows()) {
                    throw new BatchRefusedException(ProblemType.TOO_MANY_ROWS, "the batch has more than "
                            + config.maxRows() + " rows; split it", null);
                }
                if (validator.check(row) instanceof CheckedRow.Refused refusal) {
                    refused.put(row.line(), new Refusal(refusal.type(), refusal.detail()));
                }
            }
            List<String> columns = validator.echoedColumns(reader.columns());
            if (columns.size() > config.maxColumns()) {
                throw new UnreadableBatchException("the batch has " + columns.size() + " columns besides the "
                        + "features and 'url'; the limit is " + config.maxColumns());
            }
            if (rows == 0) {
                throw new UnreadableBatchException("the batch has no rows");
            }
            return new FirstPass(rows, columns, refused);
        }
    }

    private void publishRows(Path file, BatchFormat format, RowValidator validator, FirstPass first, UUID batchId,
                             BatchRequest request) throws UnreadableBatchException, IOException {
        List<JobEvent> jobEvents = new ArrayList<>();
        List<RejectedRow> rejections = new ArrayList<>();
        int rejectionChars = 0;
        int published = 0;
        BatchNotQueuedException notQueued = null;
        try (InputStream in = Files.newInputStream(file); BatchRows reader = BatchRows.open(format, in)) {
            for (InputRow row = reader.next(); row != null; row = reader.next()) {
                Refusal refusal = first.refused().get(row.line());
                CheckedRow checked = validator.check(row);
                List<RejectedRow> unqueued = List.of();
                if (refusal != null) {
                    unqueued = List.of(new RejectedRow(row.line(), refusal.type().uri(), refusal.detail(),
                            checked.columns()));
                } else if (notQueued != null) {
                    unqueued = List.of(notQueuedRow(checked.line(), checked.columns()));
                } else {
                    jobEvents.addAll(jobOf(checked, batchId, request));
                    if (jobEvents.size() >= 2 * config.jobsPerTransaction()) {
                        try {
                            published += publishJobs(batchId, jobEvents, published);
                        } catch (BatchNotQueuedException failed) {
                            notQueued = failed;
                            unqueued = notQueuedRows(jobEvents);
                        }
                    }
                }
                for (RejectedRow rejected : unqueued) {
                    rejections.add(rejected);
                    rejectionChars += size(rejected);
                }
                if (rejectionChars >= REJECTIONS_CHARS_PER_EVENT) {
                    publishRejections(batchId, rejections);
                    rejectionChars = 0;
                }
            }
        }
        if (notQueued == null) {
            try {
                publishJobs(batchId, jobEvents, published);
            } catch (BatchNotQueuedException failed) {
                notQueued = failed;
                rejections.addAll(notQueuedRows(jobEvents));
            }
        }
        publishRejections(batchId, rejections);
        if (notQueued != null) {
            throw notQueued;
        }
    }

    /**
     * The rows of jobs whose transaction did not commit (none of their events is visible), reported
     * as not queued so that the batch still completes; {@code events} is cleared.
     */
    private static List<RejectedRow> notQueuedRows(List<JobEvent> events) {
        List<RejectedRow> rows = events.stream().filter(JobAccepted.class::isInstance).map(JobAccepted.class::cast)
                .map(job -> notQueuedRow(job.batchRow(), job.batchColumns())).toList();
        events.clear();
        return rows;
    }

    /**
     * A valid row whose job was not published because the broker failed: {@code queue-unavailable},
     * which validation never gives, so results-service counts it FAILED, not rejected.
     */
    private static RejectedRow notQueuedRow(int line, Map<String, String> columns) {
        return new RejectedRow(line, ProblemType.QUEUE_UNAVAILABLE.uri(), "the message broker did not take this "
                + "row's job; submit the row again", columns);
    }

    private List<JobEvent> jobOf(CheckedRow row, UUID batchId, BatchRequest request) {
        UUID jobId = UUID.randomUUID();
        String owner = request.submitter().owner();
        if (row instanceof CheckedRow.Vector vector) {
            FeatureSet set = request.vectors();
            return List.of(JobAccepted.ofBatchRow(jobId, JobSource.FEATURE_VECTOR, set.id(), null, owner, batchId,
                            vector.line(), vector.columns(), request.explain()),
                    FeaturesReady.ofVector(jobId, set.id(), vector.features(), request.explain()));
        }
        if (row instanceof CheckedRow.Link link) {
            return List.of(JobAccepted.ofBatchRow(jobId, JobSource.AUDIO_URL, FeatureSet.AUDIO.id(), link.url(), owner,
                    batchId, link.line(), link.columns(), request.explain()));
        }
        throw new IllegalStateException("line " + row.line() + " was valid in the first pass and is not now");
    }

    /** Publishes and clears the jobs' events in one transaction; the number of jobs published. */
    private int publishJobs(UUID batchId, List<JobEvent> events, int publishedBefore) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            jobs.publish(events.toArray(JobEvent[]::new));
        } catch (RuntimeException notCommitted) {
            throw new BatchNotQueuedException(batchId, "the message broker did not commit the batch's jobs after "
                    + publishedBefore + " of them; the others are reported FAILED (queue-unavailable) in the batch's "
                    + "results: submit those rows again", notCommitted);
        }
        int count = (int) events.stream().filter(JobAccepted.class::isInstance).count();
        events.clear();
        return count;
    }

    private void publishRejections(UUID batchId, List<RejectedRow> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        try {
            batches.publish(BatchRowsRejected.of(batchId, rejections));
        } catch (RuntimeException notAcknowledged) {
            throw new BatchNotQueuedException(batchId, "the batch's rejected or unqueued rows could not be reported: "
                    + "the message broker did not confirm them; the batch completes with them counted lost once "
                    + "results-service has waited for them; submit it again",
                    notAcknowledged);
        }
        rejections.clear();
    }

    private static int size(RejectedRow row) {
        int size = row.detail().length() + 64;
        for (Map.Entry<String, String> column : row.columns().entrySet()) {
            size += column.getKey().length() + column.getValue().length() + 8;
        }
        return size;
    }
}
