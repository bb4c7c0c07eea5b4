package io.hitorflop.results.batch.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.batches.BatchAccepted;
import io.hitorflop.contract.batches.RejectedRow;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.results.batch.domain.Batch;
import io.hitorflop.results.batch.domain.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Batches and their rows in PostgreSQL ({@code batch}, {@code batch_row}). Rows only point at
 * their job: its state is read from the {@code job} table, so nothing is stored twice. Every
 * write is idempotent (a redelivered event changes nothing); every method expects a transaction
 * opened by the caller.
 */
@ApplicationScoped
public class BatchStore {

    /**
     * The problem type of a valid row whose job ingest could not publish (the broker failed during
     * the batch, ingest-service BatchIntake): reported as a rejected row, it is an accepted row
     * that FAILED, so that the batch completes.
     */
    public static final String NOT_QUEUED = ProblemType.QUEUE_UNAVAILABLE.uri();

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    BatchStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /**
     * Owner and webhook URL may be null: cast, so PostgreSQL knows a null parameter's type. Reading
     * the batch counts as reading a row of it: no row may come for {@code rows-lost-after} from now.
     */
    public void accepted(BatchAccepted batch) {
        entityManager.createNativeQuery("insert into batch (id, owner, total_rows, accepted, rejected, columns, "
                        + "webhook_url, explain, status, created_at, rows_read_at) values (?1, cast(?2 as text), ?3, ?4, ?5, "
                        + "cast(?6 as jsonb), cast(?7 as text), ?8, ?9, ?10, now()) "
                        + "on conflict (id) do nothing")
                .setParameter(1, batch.batchId())
                .setParameter(2, batch.owner())
                .setParameter(3, batch.rows())
                .setParameter(4, batch.accepted())
                .setParameter(5, batch.rejected())
                .setParameter(6, write(batch.columns() == null ? List.of() : batch.columns()))
                .setParameter(7, batch.webhookUrl())
                .setParameter(8, batch.explain())
                .setParameter(9, BatchStatus.RUNNING.name())
                .setParameter(10, batch.occurredAt())
                .executeUpdate();
    }

    /** Records a batch's rejected rows, in one statement. */
    public void rejected(UUID batchId, List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rowsRead(List.of(batchId));
        insertRows("insert into batch_row (batch_id, line, columns, rejection_type, rejection_detail) "
                        + "select batch_id, line, cast(columns as jsonb), rejection_type, rejection_detail "
                        + "from unnest(?, ?, ?, ?, ?) as r(batch_id, line, columns, rejection_type, rejection_detail) "
                        + "on conflict do nothing",
                array("uuid", rows, row -> batchId),
                array("integer", rows, RejectedRow::line),
                array("text", rows, row -> write(row.columns() == null ? Map.of() : row.columns())),
                array("text", rows, RejectedRow::problemType),
                array("text", rows, RejectedRow::detail));
    }

    /** Records the jobs that are batch rows, in one statement. */
    public void jobRows(List<JobAccepted> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        rowsRead(jobs.stream().map(JobAccepted::batchId).distinct().toList());
        insertRows("insert into batch_row (batch_id, line, job_id, columns) "
                        + "select batch_id, line, job_id, cast(columns as jsonb) "
                        + "from unnest(?, ?, ?, ?) as r(batch_id, line, job_id, columns) on conflict do nothing",
                array("uuid", jobs, JobAccepted::batchId),
                array("integer", jobs, JobAccepted::batchRow),
                array("uuid", jobs, JobAccepted::jobId),
                array("text", jobs, job -> write(job.batchColumns() == null ? Map.of() : job.batchColumns())));
    }

    /**
     * Notes that rows of these batches were read now, one statement per poll, before the rows are
     * inserted: the batch's row lock, taken here, orders this transaction with a completion check
     * ({@link #lockRunning}), so rows are either counted by the check or stored after it. A batch
     * noted less than a second ago is left alone: under a stream of polls its row is written once a
     * second, not at every poll (such a batch is far from {@code rows-lost-after} anyway). A complete
     * batch is left alone too (a very late row changes nothing of it).
     */
    private void rowsRead(List<UUID> batchIds) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement touch = connection.prepareStatement("update batch set rows_read_at = now() "
                    + "where id = any(?) and status = ? and rows_read_at < now() - interval '1 second'")) {
                touch.setArray(1, connection.createArrayOf("uuid", batchIds.toArray()));
                touch.setString(2, BatchStatus.RUNNING.name());
                touch.executeUpdate();
            }
        });
    }

    /**
     * Runs an insert whose rows come from arrays ({@code unnest}): one statement text whatever the
     * number of rows, so PostgreSQL and the driver keep one prepared plan for it instead of one per
     * size.
     */
    private void insertRows(String sql, ColumnValues... columns) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < columns.length; i++) {
                    insert.setArray(i + 1, connection.createArrayOf(columns[i].type(), columns[i].values()));
                }
                insert.executeUpdate();
            }
        });
    }

    private static <T> ColumnValues array(String type, List<T> rows, Function<T, Object> column) {
        return new ColumnValues(type, rows.stream().map(column).toArray());
    }

    /** One column of the rows to insert: its SQL element type and its values, row by row. */
    private record ColumnValues(String type, Object[] values) {
    }

    public Optional<Batch> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = entityManager.createNativeQuery("select owner, status, total_rows, accepted, rejected, "
                        + "cast(columns as text), webhook_url, explain, created_at, completed_at, rows_read_at, lost, "
                        + "(select count(*) from batch_row r where r.batch_id = b.id) from batch b where id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = found.get(0);
        return Optional.of(new Batch(id, (String) row[0], BatchStatus.valueOf((String) row[1]),
                ((Number) row[2]).intValue(), ((Number) row[3]).intValue(), ((Number) row[4]).intValue(),
                read((String) row[5]), (String) row[6], (Boolean) row[7], readCounts(id), ((Number) row[12]).intValue(),
                instant(row[10]), ((Number) row[11]).intValue(), instant(row[8]), instant(row[9])));
    }

    /**
     * Locks a running batch's row for the rest of the transaction: false when it is no longer
     * running or another replica holds it (that one is completing it). The row stores of its batch
     * rows wait meanwhile, so a row read now is counted by this transaction or comes after it.
     */
    public boolean lockRunning(UUID id) {
        return !entityManager.createNativeQuery("select id from batch where id = ?1 and status = ?2 "
                        + "for update skip locked")
                .setParameter(1, id)
                .setParameter(2, BatchStatus.RUNNING.name())
                .getResultList().isEmpty();
    }

    /** Ids of the batches not yet complete. */
    public List<UUID> running() {
        return entityManager.createNativeQuery("select id from batch where status = ?1 order by created_at", UUID.class)
                .setParameter(1, BatchStatus.RUNNING.name())
                .getResultList().stream().map(UUID.class::cast).toList();
    }

    /**
     * Marks the batch complete with {@code lost} rows never read; false when it already was
     * (another replica, an earlier check).
     */
    public boolean complete(UUID id, Instant at, int lost) {
        return entityManager.createNativeQuery("update batch set status = ?2, completed_at = ?3, lost = ?5 "
                        + "where id = ?1 and status = ?4")
                .setParameter(1, id)
                .setParameter(2, BatchStatus.COMPLETE.name())
                .setParameter(3, at)
                .setParameter(4, BatchStatus.RUNNING.name())
                .setParameter(5, lost)
                .executeUpdate() == 1;
    }

    /**
     * The accepted rows read so far by the status of their job; a row whose job is not in the job
     * table yet counts as QUEUED, a row ingest could not queue ({@link #NOT_QUEUED}) as FAILED.
     */
    private Map<String, Integer> readCounts(UUID batchId) {
        @SuppressWarnings("unchecked")
        List<Object[]> byStatus = entityManager.createNativeQuery("select coalesce(j.status, ?4), count(*) "
                        + "from batch_row r left join job j on j.id = r.job_id where r.batch_id = ?1 "
                        + "and r.job_id is not null group by 1 "
                        + "union all select ?2, count(*) from batch_row r where r.batch_id = ?1 and r.job_id is null "
                        + "and r.rejection_type = ?3")
                .setParameter(1, batchId)
                .setParameter(2, JobStatus.FAILED.name())
                .setParameter(3, NOT_QUEUED)
                .setParameter(4, JobStatus.QUEUED.name())
                .getResultList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            counts.put(status.name(), 0);
        }
        for (Object[] row : byStatus) {
            counts.merge((String) row[0], ((Number) row[1]).intValue(), Integer::sum);
        }
        return counts;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        // What the driver gives for timestamptz depends on Hibernate's mapping: take each.
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("strings and maps of strings are always JSON", impossible);
        }
    }

    private List<String> read(String names) {
        try {
            return json.readValue(names, NAMES);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("batch columns are not a JSON array", corrupt);
        }
    }
}
