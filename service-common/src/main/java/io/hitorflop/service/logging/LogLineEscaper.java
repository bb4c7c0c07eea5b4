package io.hitorflop.service.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps every log record on one line of text whatever a client sent (OWASP "Log Injection",
 * CWE-117): the formatted message is escaped with {@link LogText#escape}, and so is every message
 * in the thrown exception's cause chain. File names, links, webhook URLs and parser errors that
 * quote a request body can all reach a log line; a CR or LF in them would otherwise start a line
 * that looks like one of ours. Enabled on the console handler by
 * {@code quarkus.log.console.filter=escape-control-characters}.
 */
@LoggingFilter(name = "escape-control-characters")
public final class LogLineEscaper implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            if (formatted != null && LogText.needsEscaping(formatted)) {
                ext.setMessage(LogText.escape(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null && LogText.needsEscaping(record.getMessage())
                && record.getParameters() == null) {
            record.setMessage(LogText.escape(record.getMessage()));
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && EscapedThrowable.anyMessageNeedsEscaping(thrown)) {
            record.setThrown(EscapedThrowable.of(thrown));
        }
        return true;
    }
}
