package io.hitorflop.launcher.analyze;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parsing rules of the WHATWG HTML standard, section 9.2.6, on streams written by hand. */
class ServerSentEventReaderTest {

    @Test
    void fieldsCommentsAndEventBoundariesAsTheStandardSays() throws IOException {
        ServerSentEventReader reader = reader("retry: 1000\n\n: keep-alive\nid: 1\nevent: transition\ndata: {\"a\":1}\n\n"
                + "data:first\ndata: second\n\nid: 7\r\nevent:job\r\ndata: x\r\n\r\n");

        List<ServerSentEventReader.Event> events = readAll(reader);

        assertThat(events).containsExactly(
                new ServerSentEventReader.Event("1", "transition", "{\"a\":1}"),
                // the id stays until the server sends another; an event without a name is a "message"
                new ServerSentEventReader.Event("1", "message", "first\nsecond"),
                new ServerSentEventReader.Event("7", "job", "x"));
        assertThat(reader.retryMillis()).hasValue(1000);
        assertThat(reader.lastEventId()).isEqualTo("7");
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDroppedAndItsIdNotTaken() throws IOException {
        ServerSentEventReader reader = reader("id: 2\nevent: transition\ndata: {}\n\nid: 3\nevent: transition\ndata: {\"sta");

        assertThat(readAll(reader)).extracting(ServerSentEventReader.Event::id).containsExactly("2");
        assertThat(reader.lastEventId()).as("where a reconnect resumes").isEqualTo("2");
    }

    @Test
    void aRetryThatIsNoNumberAndAnIdWithNulAreIgnored() throws IOException {
        ServerSentEventReader reader = reader("retry: soon\nid: 4\ndata: a\n\nid: 5\0\ndata: b\n\n");

        assertThat(readAll(reader)).extracting(ServerSentEventReader.Event::id).containsExactly("4", "4");
        assertThat(reader.retryMillis()).isEmpty();
    }

    @Test
    void aReaderPastItsTimeStopsAtTheNextLine() throws IOException {
        ServerSentEventReader reader = new ServerSentEventReader(stream("data: a\n\n"), Instant.now().minusSeconds(1));

        assertThat(reader.next()).isNull();
        assertThat(reader.expired()).isTrue();
    }

    private static ServerSentEventReader reader(String text) {
        return new ServerSentEventReader(stream(text), Instant.now().plusSeconds(60));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ServerSentEventReader.Event> readAll(ServerSentEventReader reader) throws IOException {
        List<ServerSentEventReader.Event> events = new ArrayList<>();
        for (ServerSentEventReader.Event event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }
}
