package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, so published figures say how busy the machine was. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1-minute load average from /proc/loadavg. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
