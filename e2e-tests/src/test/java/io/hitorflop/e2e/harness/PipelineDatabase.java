package io.hitorflop.e2e.harness;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the results service's tables directly (not through its API), so a check of "final exactly
 * once" does not trust the code under test to report on itself.
 */
public final class PipelineDatabase {

    private final String url;
    private final String user;
    private final String password;

    public PipelineDatabase(List<String> urlUserPassword) {
        this.url = urlUserPassword.get(0);
        this.user = urlUserPassword.get(1);
        this.password = urlUserPassword.get(2);
    }

    /** A job's row and every transition row it has, in time order. */
    public record JobRecord(UUID id, String status, boolean hasVerdict, String failureType, String failureDetail,
                            List<String> transitions, Map<String, Instant> transitionTimes) {

        /** A description of the repeated state transition (more rows for one status than one), or null. */
        public String repeatedTransitionOrNull() {
            return transitions.size() == transitions.stream().distinct().count() ? null
                    : "repeated transition rows " + transitions;
        }
    }

    /** The jobs among {@code ids} the database holds. */
    public Map<UUID, JobRecord> jobs(Collection<UUID> ids) throws SQLException {
        Map<UUID, JobRecord> jobs = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            // one snapshot for both queries: a job still changing (e.g. swept, then DONE) must not
            // show a status its transitions do not have
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            Array idArray = connection.createArrayOf("uuid", ids.toArray());
            Map<UUID, List<String>> transitions = new HashMap<>();
            Map<UUID, Map<String, Instant>> times = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select job_id, status, at from job_transition where job_id = any(?) order by at, status")) {
                query.setArray(1, idArray);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        transitions.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getString(2));
                        times.computeIfAbsent(id, k -> new HashMap<>()).put(rows.getString(2), rows.getTimestamp(3).toInstant());
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "select id, status, verdict is not null, failure_type, failure_detail from job where id = any(?)")) {
                query.setArray(1, idArray);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        jobs.put(id, new JobRecord(id, rows.getString(2), rows.getBoolean(3), rows.getString(4),
                                rows.getString(5), transitions.getOrDefault(id, List.of()), times.getOrDefault(id, Map.of())));
                    }
                }
            }
        }
        return jobs;
    }

    /** Status of every job created in [{@code from}, {@code to}), by id. */
    public Map<UUID, String> createdBetween(Instant from, Instant to) throws SQLException {
        Map<UUID, String> jobs = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "select id, status from job where created_at >= ? and created_at < ?")) {
            query.setTimestamp(1, java.sql.Timestamp.from(from));
            query.setTimestamp(2, java.sql.Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return jobs;
    }

    /** How many of {@code ids} are DONE or FAILED. */
    public int finalCount(Collection<UUID> ids) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from job where id = any(?) and status in ('DONE', 'FAILED')")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** When results-service stored the verdict's explanation of each of {@code ids} that has one. */
    public Map<UUID, Instant> explainedAt(Collection<UUID> ids) throws SQLException {
        Map<UUID, Instant> explained = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "select job_id, received_at from job_explanation where job_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    explained.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
                }
            }
        }
        return explained;
    }

    /** One row of a catalogue batch as results-service stored it: its job, or why it was rejected. */
    public record BatchRowRecord(int line, UUID jobId, String rejectionType) {
    }

    /** Every stored row of batch {@code batchId}, by line. */
    public List<BatchRowRecord> batchRows(UUID batchId) throws SQLException {
        List<BatchRowRecord> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "select line, job_id, rejection_type from batch_row where batch_id = ? order by line")) {
            query.setObject(1, batchId);
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    rows.add(new BatchRowRecord(found.getInt(1), found.getObject(2, UUID.class), found.getString(3)));
                }
            }
        }
        return rows;
    }

    /**
     * A catalogue batch as results-service stored it: when it was accepted and completed (null while
     * running), and when each of its rows' jobs reached DONE or FAILED (its first such transition).
     */
    public record BatchRecord(Instant createdAt, Instant completedAt, List<Instant> rowsFinalAt) {
    }

    public BatchRecord batch(UUID batchId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Instant created;
            Instant completed;
            try (PreparedStatement query = connection.prepareStatement(
                    "select created_at, completed_at from batch where id = ?")) {
                query.setObject(1, batchId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return new BatchRecord(null, null, List.of());
                    }
                    created = rows.getTimestamp(1).toInstant();
                    completed = rows.getTimestamp(2) == null ? null : rows.getTimestamp(2).toInstant();
                }
            }
            List<Instant> finalAt = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select min(t.at) from batch_row r "
                    + "join job_transition t on t.job_id = r.job_id where r.batch_id = ? "
                    + "and t.status in ('DONE', 'FAILED') group by r.job_id")) {
                query.setObject(1, batchId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        finalAt.add(rows.getTimestamp(1).toInstant());
                    }
                }
            }
            return new BatchRecord(created, completed, finalAt);
        }
    }
}
