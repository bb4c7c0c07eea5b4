package io.hitorflop.results.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Counts rows straight in PostgreSQL, for what the API does not show (processed event ids, pending verdicts). */
final class StoredRows {

    private StoredRows() {
    }

    /** The single number {@code sql} (with one job or event id as its parameter) counts. */
    static long count(DataSource dataSource, String sql, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    static void awaitCount(DataSource dataSource, String sql, UUID id, long expected) {
        await().atMost(PipelineEvents.PATIENCE).alias(sql + " for " + id).until(() -> count(dataSource, sql, id) == expected);
    }
}
