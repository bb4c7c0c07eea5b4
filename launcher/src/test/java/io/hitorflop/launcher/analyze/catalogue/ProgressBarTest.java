package io.hitorflop.launcher.analyze.catalogue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T07:00:00Z"));
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aLineShowsRowsPercentRateAndTheTimeLeftAtThatRate() {
        // 70,000 rows left at 250 rows/s: 280 s
        assertThat(ProgressBar.render(30_000, 100_000, 0.3, OptionalDouble.of(250)))
                .isEqualTo("[#########.....................] 30,000 / 100,000 rows   30.0 %  250 rows/s  ETA 4 min 40 s");
    }

    @Test
    void withoutARateTheTimeLeftIsUnknownAndWithNothingLeftItIsZero() {
        assertThat(ProgressBar.render(0, 2_000, 0, OptionalDouble.empty())).endsWith("-- rows/s  ETA --");
        assertThat(ProgressBar.render(0, 2_000, 0, OptionalDouble.of(0))).endsWith(" 0.0 rows/s  ETA --");
        // 1,000 rows left at 0.4 rows/s: 2,500 s
        assertThat(ProgressBar.render(1_000, 2_000, 0.5, OptionalDouble.of(0.4))).endsWith(" 0.4 rows/s  ETA 41 min 40 s");
        assertThat(ProgressBar.render(2_000, 2_000, 1, OptionalDouble.of(40)))
                .startsWith("[" + "#".repeat(30) + "]").endsWith("100.0 %  40 rows/s  ETA 0 s");
    }

    @Test
    void timesLeftReadAsSecondsMinutesOrHours() {
        assertThat(ProgressBar.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(ProgressBar.duration(Duration.ofSeconds(61))).isEqualTo("1 min 01 s");
        assertThat(ProgressBar.duration(Duration.ofSeconds(3_900))).isEqualTo("1 h 05 min");
        // a partial second left is a whole second, never 0 s before the end
        assertThat(ProgressBar.timeLeft(1, OptionalDouble.of(1_000))).contains(Duration.ofSeconds(1));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtTheRateSinceTheFirstUpdate() {
        ProgressBar bar = new ProgressBar(out, true, clock);

        bar.update(running(1_000, 10_000));
        clock.advance(Duration.ofSeconds(4));
        bar.update(running(2_000, 10_000));
        bar.finish();

        String text = printed.toString(StandardCharsets.UTF_8);
        String[] draws = text.split("\r", -1);
        assertThat(draws).hasSize(3);
        assertThat(draws[0]).isEmpty();
        assertThat(draws[1]).contains("1,000 / 10,000 rows   10.0 %  -- rows/s  ETA --");
        // (2,000 - 1,000) rows in 4 s; 8,000 left at 250 rows/s
        assertThat(draws[2]).contains("2,000 / 10,000 rows   20.0 %  250 rows/s  ETA 32 s").endsWith("\n");
        assertThat(text.chars().filter(c -> c == '\n')).hasSize(1);
    }

    @Test
    void aShorterRedrawCoversTheLongerLineBeforeIt() {
        ProgressBar bar = new ProgressBar(out, true, clock);

        bar.update(running(0, 10_000));
        clock.advance(Duration.ofSeconds(1));
        bar.update(running(1_000, 10_000));
        clock.advance(Duration.ofSeconds(99));
        bar.update(running(9_999, 10_000));

        String[] draws = printed.toString(StandardCharsets.UTF_8).split("\r", -1);
        assertThat(draws[2]).endsWith("1,000 rows/s  ETA 9 s");
        // two characters shorter than the line it overwrites: two spaces erase its end
        assertThat(draws[3]).endsWith("100 rows/s  ETA 1 s  ").hasSameSizeAs(draws[2]);
    }

    @Test
    void elsewhereOneLineEveryFiveSecondsAndTheLastStateAtTheEnd() {
        ProgressBar bar = new ProgressBar(out, false, clock);

        bar.update(running(0, 1_000));
        clock.advance(Duration.ofSeconds(2));
        bar.update(running(100, 1_000));
        clock.advance(Duration.ofSeconds(3));
        bar.update(running(500, 1_000));
        clock.advance(Duration.ofSeconds(1));
        bar.update(running(600, 1_000));
        bar.finish();

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines()).containsExactly(
                "[..............................] 0 / 1,000 rows    0.0 %  -- rows/s  ETA --",
                "[###############...............] 500 / 1,000 rows   50.0 %  100 rows/s  ETA 5 s",
                "[##################............] 600 / 1,000 rows   60.0 %  100 rows/s  ETA 4 s");
    }

    @Test
    void aLastStateAlreadyPrintedIsNotPrintedTwice() {
        ProgressBar bar = new ProgressBar(out, false, clock);

        bar.update(running(1_000, 1_000));
        bar.finish();

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    private static BatchStatus running(long done, long rows) {
        return new BatchStatus("b", "RUNNING", rows, rows, 0, done, (double) done / rows, Map.of("DONE", done), 0, "");
    }
}
