package io.hitorflop.results.job.persistence;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DataErrorsTest {

    private static RuntimeException wrapped(String sqlState) {
        // as Hibernate and the transaction manager hand it back: the driver's exception a few causes down
        return new IllegalStateException("transaction failed",
                new RuntimeException("could not execute statement", new SQLException("refused", sqlState)));
    }

    @Test
    void dataExceptionsAndCheckViolationsAreDataErrors() {
        assertThat(DataErrors.sqlStateOf(wrapped("22023"))).as("NUL in a string parameter").isEqualTo("22023");
        assertThat(DataErrors.sqlStateOf(wrapped("22P05"))).as("unsupported Unicode escape in jsonb").isEqualTo("22P05");
        assertThat(DataErrors.sqlStateOf(wrapped("22001"))).as("value too long for varchar").isEqualTo("22001");
        assertThat(DataErrors.sqlStateOf(wrapped("23514"))).isEqualTo("23514");
        assertThat(DataErrors.sqlStateOf(wrapped("23502"))).isEqualTo("23502");
    }

    @Test
    void failuresThatMayPassWhenTriedAgainAreNot() {
        assertThat(DataErrors.sqlStateOf(wrapped("08006"))).as("connection failure").isNull();
        assertThat(DataErrors.sqlStateOf(wrapped("57P01"))).as("admin shutdown").isNull();
        assertThat(DataErrors.sqlStateOf(wrapped("40P01"))).as("deadlock").isNull();
        assertThat(DataErrors.sqlStateOf(wrapped("23505"))).as("unique violation: two replicas inserting one job").isNull();
        assertThat(DataErrors.sqlStateOf(new IllegalStateException("no SQL at all"))).isNull();
    }
}
