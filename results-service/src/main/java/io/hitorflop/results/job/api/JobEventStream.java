package io.hitorflop.results.job.api;

import io.hitorflop.service.security.Caller;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open {@code GET /v1/jobs/{id}/events} response. Sends are serialised (the pump and the
 * keep-alive run on different threads); a failed send closes the stream.
 */
final class JobEventStream {

    static final String TRANSITION = "transition";
    static final String JOB = "job";
    static final String EXPLANATION = "explanation";

    private final UUID jobId;
    private final Caller caller;
    private final SseEventSink sink;
    private final Sse sse;
    /** Position of the last transition the client has: from {@code Last-Event-ID}, then what was sent. */
    private volatile int sent;
    /** When the ended job was sent while its explanation was still to come; null before. */
    private volatile Instant jobSentAt;
    /** Pump requests not yet served; see {@link #requestPump()}. */
    private final AtomicInteger pumpRequests = new AtomicInteger();

    JobEventStream(UUID jobId, Caller caller, SseEventSink sink, Sse sse, int lastEventId) {
        this.jobId = jobId;
        this.caller = caller;
        this.sink = sink;
        this.sse = sse;
        this.sent = lastEventId;
    }

    UUID jobId() {
        return jobId;
    }

    Caller caller() {
        return caller;
    }

    int sent() {
        return sent;
    }

    boolean isClosed() {
        return sink.isClosed();
    }

    /**
     * Asks for a pump; true when the caller must start one (none is running). A request made
     * while one runs makes it pump once more ({@link #pumpAgain}), so no stored state is missed.
     */
    boolean requestPump() {
        return pumpRequests.getAndIncrement() == 0;
    }

    /** After a pump: true when requests came in meanwhile and the pump must run again. */
    boolean pumpAgain(int requestsSeen) {
        return !pumpRequests.compareAndSet(requestsSeen, 0);
    }

    int pumpRequests() {
        return pumpRequests.get();
    }

    /** The first lines: how long a client waits before reconnecting. */
    boolean sendPreamble(Duration reconnectDelay) {
        return send(sse.newEventBuilder().comment("events of job " + jobId)
                .reconnectDelay(reconnectDelay.toMillis()).build());
    }

    boolean sendTransition(int position, String transitionJson) {
        boolean delivered = send(sse.newEventBuilder().name(TRANSITION).id(Integer.toString(position))
                .data(transitionJson).build());
        if (delivered) {
            sent = position;
        }
        return delivered;
    }

    /** The final event; the stream ends with it. */
    void sendJobAndClose(int transitionCount, String jobJson) {
        sendJob(transitionCount, jobJson);
        close();
    }

    /** The ended job whose verdict's explanation is still to come; the stream stays open for it. */
    void sendJob(int transitionCount, String jobJson, Instant now) {
        if (sendJob(transitionCount, jobJson)) {
            jobSentAt = now;
        }
    }

    private boolean sendJob(int transitionCount, String jobJson) {
        return send(sse.newEventBuilder().name(JOB).id(Integer.toString(transitionCount)).data(jobJson).build());
    }

    /** True once the ended job was sent and the stream waits for its verdict's explanation. */
    boolean awaitsExplanation() {
        return jobSentAt != null;
    }

    Instant jobSentAt() {
        return jobSentAt;
    }

    /** The verdict's explanation, after the job; the stream ends with it. */
    void sendExplanationAndClose(String explanationJson) {
        send(sse.newEventBuilder().name(EXPLANATION).data(explanationJson).build());
        close();
    }

    boolean sendKeepAlive() {
        return send(sse.newEventBuilder().comment("keep-alive").build());
    }

    synchronized void close() {
        sink.close();
    }

    private synchronized boolean send(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close();
                }
            });
            return true;
        } catch (IllegalStateException closedMeanwhile) {
            return false;
        }
    }
}
