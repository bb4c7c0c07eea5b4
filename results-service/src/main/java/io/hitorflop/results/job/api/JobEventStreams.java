package io.hitorflop.results.job.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.persistence.ExplanationStore;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.job.persistence.RecordedTransition;
import io.hitorflop.results.job.persistence.StoredExplanation;
import io.hitorflop.results.job.service.ExplanationStored;
import io.hitorflop.results.job.service.TransitionsStored;
import io.hitorflop.service.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The open job event streams of this replica. A stream is "pumped" (its job read, what the client
 * lacks sent, and once the job is final the job itself, then closed) when it opens, when this
 * replica has committed new states of its job ({@link TransitionsStored}), and when a periodic
 * re-read finds more states stored than it has sent — which is how a state recorded by another
 * replica (the topics' partitions are spread over the replicas) arrives, at most
 * {@code events.reread-interval} later. Pumps of one stream never overlap, so each state is sent once.
 * When the job event's verdict says {@code explanationPending}, the stream stays open for the
 * verdict's explanation, which follows the verdict: it is pumped when this replica stored it
 * ({@link ExplanationStored}) and at every re-read (another replica's, and the wait's end), sends
 * it as an {@code explanation} event and closes (the event says why when the explanation could not be
 * computed: {@code explanationUnavailable}); after {@code events.explanation-wait} without one
 * it closes without it. A job whose verdict is explained already ends with the job event.
 */
@ApplicationScoped
public class JobEventStreams {

    private static final Logger LOG = Logger.getLogger(JobEventStreams.class);

    private final JobStore store;
    private final ExplanationStore explanations;
    private final ObjectMapper json;
    private final ResultsConfig.Events config;
    private final Clock clock = Clock.systemUTC();
    private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();
    /** Sends and database reads off the Kafka consumer and scheduler threads. */
    private final ExecutorService pumps = Executors.newFixedThreadPool(2, new PumpThreads());

    JobEventStreams(JobStore store, ExplanationStore explanations, ObjectMapper json, ResultsConfig config) {
        this.store = store;
        this.explanations = explanations;
        this.json = json;
        this.config = config.events();
    }

    /**
     * Registers a new stream of {@code jobId}, whose client has the transitions up to position
     * {@code lastEventId}, and starts sending.
     *
     * @throws StreamLimitException when the replica or the caller holds as many streams as allowed
     */
    synchronized void open(UUID jobId, Caller caller, SseEventSink sink, Sse sse, int lastEventId) {
        open.removeIf(JobEventStream::isClosed);
        // The caller's own limit first: a caller over it is told so (429), whatever the others hold.
        if (open.stream().filter(stream -> stream.caller().equals(caller)).count() >= config.maxPerCaller()) {
            throw new StreamLimitException(ProblemType.TOO_MANY_STREAMS, "at most " + config.maxPerCaller()
                    + " event streams may be open per API key; close one or poll GET /v1/jobs/{id}");
        }
        if (open.size() >= config.maxOpen()) {
            throw new StreamLimitException(ProblemType.STREAMS_FULL,
                    "this replica holds " + config.maxOpen() + " event streams; retry later or poll GET /v1/jobs/{id}");
        }
        JobEventStream stream = new JobEventStream(jobId, caller, sink, sse, lastEventId);
        // Registered before the first read: a state committed from now on triggers a pump, and the
        // first pump reads everything committed before, so nothing falls in between.
        open.add(stream);
        if (stream.sendPreamble(config.reconnectDelay())) {
            pump(stream);
        } else {
            open.remove(stream);
        }
    }

    void onTransitionsStored(@Observes TransitionsStored stored) {
        open.stream().filter(stream -> stream.jobId().equals(stored.jobId())).forEach(this::pump);
    }

    void onExplanationStored(@Observes ExplanationStored stored) {
        open.stream().filter(stream -> stream.jobId().equals(stored.jobId())).forEach(this::pump);
    }

    @Scheduled(every = "${hitorflop.results.events.reread-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rereadOpenJobs() {
        open.removeIf(JobEventStream::isClosed);
        if (open.isEmpty()) {
            return;
        }
        Set<UUID> jobIds = open.stream().map(JobEventStream::jobId).collect(Collectors.toSet());
        Map<UUID, Integer> stored = QuarkusTransaction.requiringNew().call(() -> store.transitionCounts(jobIds));
        open.stream().filter(stream -> stream.awaitsExplanation() || stored.getOrDefault(stream.jobId(), 0) > stream.sent())
                .forEach(this::pump);
    }

    @Scheduled(every = "${hitorflop.results.events.keep-alive:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        open.removeIf(stream -> !stream.sendKeepAlive());
    }

    private void pump(JobEventStream stream) {
        if (stream.requestPump()) {
            pumps.execute(() -> drain(stream));
        }
    }

    private void drain(JobEventStream stream) {
        int requestsSeen;
        do {
            requestsSeen = stream.pumpRequests();
            try {
                pumpOnce(stream);
            } catch (RuntimeException e) {
                LOG.warnf(e, "event stream of job %s failed; closing it (the client resumes with Last-Event-ID)",
                        stream.jobId());
                stream.close();
            }
        } while (stream.pumpAgain(requestsSeen));
        if (stream.isClosed()) {
            open.remove(stream);
        }
    }

    private void pumpOnce(JobEventStream stream) {
        if (stream.isClosed()) {
            return;
        }
        // Transitions first, then the job: the job read is the later one, so it holds at least these
        // transitions; when it holds exactly these, the job event is consistent with them.
        Snapshot snapshot = QuarkusTransaction.requiringNew().call(() -> {
            List<RecordedTransition> recorded = store.transitionsInRecordingOrder(stream.jobId());
            return new Snapshot(recorded, store.find(stream.jobId()).orElse(null),
                    explanations.find(stream.jobId()));
        });
        for (RecordedTransition transition : snapshot.recorded()) {
            if (transition.position() > stream.sent()
                    && !stream.sendTransition(transition.position(),
                    write(new JobView.TransitionView(transition.status(), transition.at())))) {
                return;
            }
        }
        Job job = snapshot.job();
        int count = snapshot.recorded().size();
        if (job == null || !job.status().isFinal() || job.transitions().size() != count || stream.sent() < count) {
            return;
        }
        JobView view = JobView.of(job, snapshot.explanation());
        boolean pending = view.verdict() != null && view.verdict().explanationPending();
        if (stream.awaitsExplanation() && !pending) {
            stream.sendExplanationAndClose(write(ExplanationView.of(view.verdict())));
        } else if (!pending) {
            stream.sendJobAndClose(count, write(view));
        } else if (!stream.awaitsExplanation()) {
            stream.sendJob(count, write(view), clock.instant());
        } else if (stream.jobSentAt().plus(config.explanationWait()).isBefore(clock.instant())) {
            stream.close();
        }
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + view.getClass().getSimpleName(), e);
        }
    }

    @PreDestroy
    void closeAll() {
        pumps.shutdownNow();
        open.forEach(JobEventStream::close);
    }

    private record Snapshot(List<RecordedTransition> recorded, Job job, StoredExplanation explanation) {
    }

    private static final class PumpThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "job-event-streams-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
