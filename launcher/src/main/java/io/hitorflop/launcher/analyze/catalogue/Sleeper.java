package io.hitorflop.launcher.analyze.catalogue;

import java.time.Duration;

/** Waits between two requests; tests pass one that only advances their clock. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** The calling thread sleeps; Ctrl-C still ends the JVM at once. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
