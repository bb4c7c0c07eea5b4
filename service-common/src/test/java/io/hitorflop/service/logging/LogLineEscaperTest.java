package io.hitorflop.service.logging;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineEscaperTest {

    /** The services' console pattern, as in their application.properties. */
    private final PatternFormatter formatter = new PatternFormatter("%-5p [%c{2.}] %s%e%n");
    private final LogLineEscaper escaper = new LogLineEscaper();

    @Test
    void aFileNameWithALineBreakStaysOnItsLogLine() {
        ExtLogRecord record = printf("accepted upload '%s' as %s",
                "song.mp3\r\nINFO  [i.h.i.d.JobIntake] accepted upload 'forged.mp3'", "job-1");

        String line = format(record);

        assertThat(line).hasLineCount(1)
                .contains("accepted upload 'song.mp3\\r\\nINFO  [i.h.i.d.JobIntake] accepted upload 'forged.mp3'' as job-1");
    }

    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(LogText.escape("a\u0000b\u001b[31mc\u007fd\u0085e\u2028f\u202Eg\u2066h\ti"))
                .isEqualTo("a\\u0000b\\u001B[31mc\\u007Fd\\u0085e\\u2028f\\u202Eg\\u2066h\\ti");
        assertThat(LogText.needsEscaping("plain text, ünïcödé and \\n as typed")).isFalse();
    }

    @Test
    void anExceptionMessageFromTheClientCannotStartALine() {
        ExtLogRecord record = printf("submission refused");
        record.setThrown(new IllegalStateException("outer", new IllegalArgumentException("bad name\nFORGED line")));

        String text = format(record);

        assertThat(text.lines().filter(l -> l.contains("FORGED"))).singleElement()
                .asString().startsWith("Caused by: java.lang.IllegalArgumentException: bad name\\nFORGED line");
        assertThat(text).contains("java.lang.IllegalStateException: outer").contains("at io.hitorflop");
    }

    @Test
    void aCleanRecordIsLeftAlone() {
        ExtLogRecord record = printf("stored %s in %d ms", "job-2", 12);
        Throwable failure = new RuntimeException("no control characters");
        record.setThrown(failure);

        escaper.isLoggable(record);

        assertThat(record.getThrown()).isSameAs(failure);
        assertThat(format(record)).startsWith("INFO  [te.logging] stored job-2 in 12 ms");
    }

    private ExtLogRecord printf(String format, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, format, ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setLoggerName("test.logging");
        record.setParameters(parameters);
        return record;
    }

    private String format(ExtLogRecord record) {
        assertThat(escaper.isLoggable(record)).isTrue();
        return formatter.format(record);
    }
}
