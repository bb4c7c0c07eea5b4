package io.hitorflop.launcher.analyze.catalogue;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A batch's progress on the terminal: a bar, rows done of the rows accepted, percent, the rate in rows per
 * second and the time left at that rate. On a terminal the line is redrawn in place ({@code \r});
 * anywhere else (a CI log, a file) one line is printed every {@link #LINE_EVERY} at most, so a log
 * does not fill with redraws. The rate is the average since the first update: rows done since
 * then over the time since then, as read from the injected clock.
 */
public final class ProgressBar {

    /** How often a line is printed when the output is not a terminal. */
    public static final Duration LINE_EVERY = Duration.ofSeconds(5);
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private Instant firstAt;
    private long firstDone;
    private Instant lastLineAt;
    private int drawnLength;
    private BatchStatus last;
    private boolean lastPrinted;

    public ProgressBar(PrintStream out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Shows the batch's progress: redrawn on a terminal, else printed when {@link #LINE_EVERY} has passed since the last line. */
    public void update(BatchStatus batch) {
        last = batch;
        Instant now = clock.instant();
        String line = line(batch, now);
        lastPrinted = terminal || lastLineAt == null || !now.isBefore(lastLineAt.plus(LINE_EVERY));
        if (terminal) {
            redraw(line);
        } else if (lastPrinted) {
            out.println(line);
            lastLineAt = now;
        }
    }

    /**
     * Ends the display: on a terminal the line ends; elsewhere the last update is printed when it was
     * held back, so the log shows the final state.
     */
    public void finish() {
        if (last == null) {
            return;
        }
        if (terminal) {
            out.println();
        } else if (!lastPrinted) {
            out.println(line(last, clock.instant()));
        }
    }

    private void redraw(String line) {
        // spaces over what is left of a longer line drawn before
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    private String line(BatchStatus batch, Instant now) {
        if (firstAt == null) {
            firstAt = now;
            firstDone = batch.done();
        }
        double seconds = Duration.between(firstAt, now).toNanos() / 1e9;
        OptionalDouble rate = seconds > 0 ? OptionalDouble.of((batch.done() - firstDone) / seconds) : OptionalDouble.empty();
        // the rejected rows are not scored: the accepted ones are the whole of the work
        return render(batch.done(), batch.accepted(), batch.progress(), rate);
    }

    /**
     * One progress line, e.g. {@code [#########.....] 30,000 / 100,000 rows  30.0 %  250 rows/s  ETA 4 min 40 s}.
     * The time left is unknown ({@code --}) while no rate is known or nothing has been done since the first update.
     */
    static String render(long done, long total, double fraction, OptionalDouble rowsPerSecond) {
        int filled = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * WIDTH);
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
        String rate = rowsPerSecond.isPresent() ? rate(rowsPerSecond.getAsDouble()) : "-- rows/s";
        Optional<Duration> left = timeLeft(Math.max(0, total - done), rowsPerSecond);
        return String.format(Locale.ROOT, "%s %,d / %,d rows  %5.1f %%  %s  ETA %s", bar, done, total, fraction * 100, rate,
                left.map(ProgressBar::duration).orElse("--"));
    }

    /** A tenth of a row per second below 10 (a loaded machine does 0.4 rows/s, not "0"), whole rows above. */
    private static String rate(double rowsPerSecond) {
        return String.format(Locale.ROOT, rowsPerSecond < 10 ? "%.1f rows/s" : "%,.0f rows/s", rowsPerSecond);
    }

    static Optional<Duration> timeLeft(long remaining, OptionalDouble rowsPerSecond) {
        if (remaining == 0) {
            return Optional.of(Duration.ZERO);
        }
        if (rowsPerSecond.isEmpty() || rowsPerSecond.getAsDouble() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil(remaining / rowsPerSecond.getAsDouble())));
    }

    /** {@code 45 s}, {@code 4 min 40 s}, {@code 1 h 05 min}. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
