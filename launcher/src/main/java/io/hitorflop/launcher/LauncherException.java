package io.hitorflop.launcher;

/**
 * A failure the launcher explains in one line ({@code hitorflop: <message>}) and ends with
 * {@code exitCode}, without a stack trace: 1 when something did not work, 2 for a usage error.
 */
public final class LauncherException extends RuntimeException {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public LauncherException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public static LauncherException failed(String message) {
        return new LauncherException(message, FAILED);
    }

    public int exitCode() {
        return exitCode;
    }
}
