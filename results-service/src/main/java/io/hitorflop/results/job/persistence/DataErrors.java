package io.hitorflop.results.job.persistence;

import java.sql.SQLException;

/**
 * Tells a failure that will come back with the same data (PostgreSQL refused the values) from one
 * that may pass when tried again (a lost connection, a deadlock, a database restart).
 */
public final class DataErrors {

    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String CHECK_VIOLATION = "23514";

    private DataErrors() {
    }

    /** The SQLState of the data error behind {@code failure}, or null when the failure is not one. */
    public static String sqlStateOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(DATA_EXCEPTION_CLASS) || state.equals(NOT_NULL_VIOLATION)
                        || state.equals(CHECK_VIOLATION)) {
                    return state;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
