package io.hitorflop.launcher.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Reads Server-Sent Events from a stream the way the WHATWG HTML standard's parser dispatches
 * them (section 9.2.6 "Interpreting an event stream"): fields {@code id}, {@code event},
 * {@code data} and {@code retry}, comment lines ignored, an event dispatched at a blank line only
 * when it has data, the last event id kept across events and taken over only at a blank line, and a
 * half-received event at the end of the stream thrown away (a dropped connection never yields a
 * truncated event, nor an id to resume after whose event was not read).
 * <p>
 * A reader stops at the first line that arrives after its {@code readUntil}: a server's keep-alive
 * comments bound how long a quiet stream can hold a caller past it.
 */
public final class ServerSentEventReader implements AutoCloseable {

    /** One dispatched event; {@code id} is the last event id seen so far ("" when none). */
    public record Event(String id, String name, String data) {
    }

    private final BufferedReader lines;
    private Instant readUntil;
    /** The standard's "last event ID buffer": set by an id field, taken over at the next blank line. */
    private String idBuffer = "";
    private String lastEventId = "";
    private OptionalLong retryMillis = OptionalLong.empty();

    public ServerSentEventReader(InputStream stream, Instant readUntil) {
        // readLine ends a line at CRLF, LF or CR, exactly the standard's three line endings
        this.lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        this.readUntil = readUntil;
    }

    /** The next event, or null when the stream ends first or a line arrives after {@code readUntil}. */
    public Event next() throws IOException {
        String name = "";
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        for (String line = lines.readLine(); line != null && !expired(); line = lines.readLine()) {
            if (line.isEmpty()) {
                lastEventId = idBuffer;
                if (hasData) {
                    return new Event(lastEventId, name.isEmpty() ? "message" : name, data.toString());
                }
                name = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            switch (field) {
                case "event" -> name = value;
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        idBuffer = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        retryMillis = OptionalLong.of(Long.parseLong(value));
                    }
                }
                default -> {
                    // unknown fields are ignored, as the standard says
                }
            }
        }
        return null;
    }

    /** Stops reading at {@code earlier} if that comes before the current limit. */
    public void readUntilNoLaterThan(Instant earlier) {
        if (earlier.isBefore(readUntil)) {
            readUntil = earlier;
        }
    }

    public boolean expired() {
        return !Instant.now().isBefore(readUntil);
    }

    /** The id to resume after ({@code Last-Event-ID}); "" before any event carried one. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the server asked for with {@code retry:}, if it did. */
    public OptionalLong retryMillis() {
        return retryMillis;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
