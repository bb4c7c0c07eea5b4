package io.hitorflop.inference.logging;

import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogManager;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service's console handler (what the launcher and container logs read) escapes
 * control characters: the filter is wired by configuration, so a missing or misspelt
 * {@code quarkus.log.console.filter} would only show here.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@Tag("integration")
class ConsoleLogEscapingTest {

    @Test
    void theConsoleHandlerKeepsAForgedLineOnItsOwnLine() {
        List<ConsoleHandler> consoles = consoleHandlers(LogManager.getLogManager().getLogger("").getHandlers());
        assertThat(consoles).as("console handlers under the root logger").isNotEmpty();
        ConsoleHandler console = consoles.get(0);
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "features of %s", ExtLogRecord.FormatStyle.PRINTF,
                ConsoleLogEscapingTest.class.getName());
        record.setParameters(new Object[]{"song.mp3\nERROR [forged] line"});

        assertThat(console.isLoggable(record)).isTrue();
        assertThat(console.getFormatter().format(record)).hasLineCount(1).contains("song.mp3\\nERROR [forged] line");
    }

    private static List<ConsoleHandler> consoleHandlers(Handler[] handlers) {
        List<ConsoleHandler> found = new ArrayList<>();
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                found.add(console);
            } else if (handler instanceof ExtHandler parent) {
                found.addAll(consoleHandlers(parent.getHandlers()));
            }
        }
        return found;
    }
}
