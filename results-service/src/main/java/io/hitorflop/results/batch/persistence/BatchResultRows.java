package io.hitorflop.results.batch.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads a batch's rows with their jobs' current state, in input order, through a PostgreSQL
 * cursor ({@code fetchSize} rows at a time in a read-only transaction): memory stays the same
 * for 100 rows or 100,000. The job table is joined as it is now, so a running batch's results
 * show each row's current status.
 */
@ApplicationScoped
public class BatchResultRows {

    /** Rows fetched from PostgreSQL per round trip. */
    static final int FETCH_SIZE = 1000;

    /** One row of the results; the verdict's parts are null unless the job is DONE. */
    public record ResultRow(int line, String columnsJson, UUID jobId, String jobStatus, String label,
                            Double probability, String votesJson, String problemType, String detail,
                            String explanationJson) {
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(ResultRow row) throws java.io.IOException;
    }

    private static final String SQL = "select r.line, cast(r.columns as text), r.job_id, j.status, "
            + "case when j.status = 'DONE' then j.verdict ->> 'label' end, "
            + "case when j.status = 'DONE' then cast(j.verdict ->> 'probability' as double precision) end, "
            + "case when j.status = 'DONE' then cast(j.verdict -> 'votes' as text) end, "
            + "coalesce(r.rejection_type, case when j.status = 'FAILED' then j.failure_type end), "
            + "coalesce(r.rejection_detail, case when j.status = 'FAILED' then j.failure_detail end), "
            + "case when ? and j.status = 'DONE' then cast(j.verdict -> 'explanation' as text) end "
            + "from batch_row r left join job j on j.id = r.job_id where r.batch_id = ? order by r.line";

    private final AgroalDataSource dataSource;

    BatchResultRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void forEach(UUID batchId, boolean explanation, RowSink sink) throws SQLException, java.io.IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the PostgreSQL driver uses a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(SQL)) {
                select.setFetchSize(FETCH_SIZE);
                select.setBoolean(1, explanation);
                select.setObject(2, batchId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        double probability = rows.getDouble(6);
                        Double known = rows.wasNull() ? null : probability;
                        sink.accept(new ResultRow(rows.getInt(1), rows.getString(2), rows.getObject(3, UUID.class),
                                rows.getString(4), rows.getString(5), known,
                                rows.getString(7), rows.getString(8), rows.getString(9), rows.getString(10)));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
