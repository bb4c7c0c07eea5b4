package io.hitorflop.results.it;

import io.hitorflop.security.apikeys.ApiKeys;
import io.restassured.RestAssured;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HTTP client of {@code GET /v1/jobs/{id}/events} (java.net.http) that parses the stream
 * as a browser's EventSource does, on its own thread, and hands each event (or comment) over as
 * it arrives; the test waits for the next one, never for a fixed time.
 */
final class EventStreamClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One dispatched event; {@code comment} lines are handed over too, as events named {@code ":"}. */
    record Event(String name, String id, String data) {
        static final Event END = new Event("end of stream", null, null);

        boolean isComment() {
            return ":".equals(name);
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-client-" + response.uri().getPath());
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens the stream of {@code jobId}; {@code apiKey} and {@code lastEventId} may be null. */
    static EventStreamClient open(UUID jobId, String apiKey, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream");
        if (apiKey != null) {
            request.header(ApiKeys.HEADER, apiKey);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new AssertionError("could not open the event stream of " + jobId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused request (a problem document). */
    String body() {
        return String.join("\n", response.body().toList());
    }

    /** The next event or comment, waiting up to {@code patience}. */
    Event next(Duration patience) {
        try {
            Event event = received.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + patience);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next event within {@code patience} in all, skipping keep-alive comments. */
    Event nextEvent(Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Event event = next(patience);
        while (event.isComment()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                throw new AssertionError("only comments within " + patience);
            }
            event = next(left);
        }
        return event;
    }

    /** Every event up to the end of the stream (comments left out), {@link Event#END} last. */
    List<Event> untilEnd(Duration patience) {
        List<Event> events = new ArrayList<>();
        Event event;
        do {
            event = nextEvent(patience);
            events.add(event);
        } while (event != Event.END);
        return events;
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Event(":", null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields: nothing to hand over
                        }
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream: the end below is what it waits for, if at all
        }
        received.add(Event.END);
    }

    @Override
    public void close() {
        if (status() == 200) {
            response.body().close();
        }
    }
}
