package io.hitorflop.ingest.link.messaging;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.ingest.audio.AudioPipeline;
import io.hitorflop.ingest.audio.IntakeBusyException;
import io.hitorflop.ingest.audio.StoredAudio;
import io.hitorflop.ingest.link.domain.LinkFetcher;
import io.hitorflop.ingest.submission.domain.JobIntake;
import io.hitorflop.ingest.submission.messaging.JobEventPublisher;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Fetches the audio of link jobs. It reads {@code JobAccepted} in its own consumer group and
 * handles those with source {@code AUDIO_URL}: fetch (guarded), probe, transcode, store, then
 * {@code AudioReady}, or {@code JobFailed} with the specific problem type. The offset is committed
 * only after the outcome is acknowledged, so a crash mid-download means the job is fetched again
 * after restart (at-least-once); the outcome's event id is derived from the incoming one, so the
 * results service counts a repeated outcome once. The fetched file is deleted on every path.
 */
@ApplicationScoped
public class LinkJobConsumer {

    static final String STAGE = "ingest-service";
    private static final Logger LOG = Logger.getLogger(LinkJobConsumer.class);

    private final LinkFetcher fetcher;
    private final JobIntake intake;
    private final AudioPipeline audio;
    private final JobEventPublisher publisher;

    LinkJobConsumer(LinkFetcher fetcher, JobIntake intake, AudioPipeline audio, JobEventPublisher publisher) {
        this.fetcher = fetcher;
        this.intake = intake;
        this.audio = audio;
        this.publisher = publisher;
    }

    @Incoming("link-jobs")
    @Blocking(ordered = false)
    public void consume(JobAccepted accepted) {
        if (accepted == null || accepted.source() != JobSource.AUDIO_URL || accepted.jobId() == null) {
            return;
        }
        MDC.put("jobId", accepted.jobId().toString());
        Timer.Sample started = Timer.start();
        String result = "error";
        try {
            JobEvent outcome = fetchAndStore(accepted);
            if (outcome instanceof AudioReady ready) {
                try {
                    publisher.publish(ready);
                } catch (RuntimeException notQueued) {
                    deleteQuietly(ready.audioRef());
                    throw notQueued;
                }
                LOG.infof("link %s stored as %s (%d ms)", accepted.sourceName(), ready.audioRef(), ready.durationMs());
                result = "accepted";
            } else if (outcome instanceof JobFailed failed) {
                publisher.publish(failed);
                LOG.infof("link %s refused: %s", accepted.sourceName(), failed.reason());
                result = failed.problemType().equals(ProblemType.INTERNAL.uri()) ? "error" : "rejected";
            }
        } finally {
            started.stop(intake.stageTimer(JobSource.AUDIO_URL, result));
            MDC.remove("jobId");
        }
    }

    private JobEvent fetchAndStore(JobAccepted accepted) {
        UUID eventId = derivedEventId(accepted.eventId());
        Path fetched = null;
        try {
            fetched = fetcher.fetch(accepted.jobId(), accepted.sourceName());
            StoredAudio stored = audio.store(accepted.jobId(), fetched);
            return new AudioReady(JobEvent.SCHEMA_VERSION, eventId, accepted.jobId(), Instant.now(), stored.ref(),
                    stored.probed().duration().toMillis(), accepted.explain());
        } catch (AudioRejectedException rejected) {
            return failed(eventId, accepted, rejected.problemType(), rejected.getMessage());
        } catch (IntakeBusyException busy) {
            return failed(eventId, accepted, ProblemType.SERVICE_BUSY, busy.getMessage());
        } catch (IOException | RuntimeException broken) {
            LOG.error("fetching the link failed unexpectedly", broken);
            return failed(eventId, accepted, ProblemType.INTERNAL, "the link could not be processed: " + broken);
        } finally {
            if (fetched != null) {
                try {
                    Files.deleteIfExists(fetched);
                } catch (IOException stuck) {
                    LOG.warnf("could not delete %s: %s", fetched, stuck);
                }
            }
        }
    }

    private static JobFailed failed(UUID eventId, JobAccepted accepted, ProblemType type, String reason) {
        return new JobFailed(JobEvent.SCHEMA_VERSION, eventId, accepted.jobId(), Instant.now(), STAGE, type.uri(), reason);
    }

    private void deleteQuietly(String ref) {
        try {
            intake.discard(ref);
        } catch (IOException stuck) {
            LOG.warnf("could not delete stored audio %s: %s", ref, stuck);
        }
    }

    /** A name-based (RFC 4122 version 3) UUID: the same incoming event always gives the same outcome id. */
    static UUID derivedEventId(UUID incoming) {
        return UUID.nameUUIDFromBytes((STAGE + ":" + incoming).getBytes(StandardCharsets.UTF_8));
    }
}
