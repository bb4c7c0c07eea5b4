package io.hitorflop.service.logging;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stands in for a logged exception whose message (or a cause's) holds control characters: it
 * prints as the original class name and the escaped message, with the original stack trace and
 * causes, so a stack trace stays the only multi-line part of a log record and cannot contain a
 * forged line.
 */
final class EscapedThrowable extends Throwable {

    private final String originalClassName;

    private EscapedThrowable(Throwable original, Throwable escapedCause) {
        super(original.getMessage() == null ? null : LogText.escape(original.getMessage()), escapedCause,
                true, true);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
        for (Throwable suppressed : original.getSuppressed()) {
            addSuppressed(of(suppressed));
        }
    }

    static boolean anyMessageNeedsEscaping(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && LogText.needsEscaping(t.getMessage())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (anyMessageNeedsEscaping(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Throwable of(Throwable original) {
        return of(original, new IdentityHashMap<>());
    }

    private static Throwable of(Throwable original, Map<Throwable, Boolean> seen) {
        if (seen.put(original, Boolean.TRUE) != null) {
            return null;
        }
        Throwable cause = original.getCause() == null ? null : of(original.getCause(), seen);
        return new EscapedThrowable(original, cause);
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}
