package io.hitorflop.localstack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class PostgresServerTest {

    @TempDir
    Path tempDir;

    @Test
    void servesQueriesAndKeepsDataAcrossRestarts() throws Exception {
        Path dir = reachableDir();
        try (PostgresServer postgres = PostgresServer.start(dir)) {
            assertThat(postgres.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
            try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
                try (ResultSet version = statement.executeQuery("show server_version")) {
                    assertThat(version.next()).isTrue();
                    assertThat(version.getString(1)).startsWith("17.");
                }
                statement.execute("create table kept (value text)");
                statement.execute("insert into kept values ('still here')");
            }
        }
        try (PostgresServer postgres = PostgresServer.start(dir);
             Connection connection = connect(postgres);
             Statement statement = connection.createStatement();
             ResultSet kept = statement.executeQuery("select value from kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(reachableDir())) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void externalServerIsOnlyAHandle() {
        PostgresServer external = PostgresServer.external("jdbc:postgresql://db.example:5432/app", "app", "secret");
        external.close();
        assertThat(external.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/app");
        assertThat(external.username()).isEqualTo("app");
        assertThat(external.password()).isEqualTo("secret");
    }

    /** JUnit's temp dirs are private to their owner; the server may run as nobody (see PostgresServer). */
    private Path reachableDir() throws Exception {
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tempDir.resolve("pg");
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
