package io.hitorflop.feature.messaging;

import io.hitorflop.audiostore.AudioNotFoundException;
import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.LocalAudio;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.config.FeatureConfig;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.MusicalContentCheck;
import io.hitorflop.feature.engine.TrackAnalysis;
import io.hitorflop.service.messaging.OutcomePublisher;
import io.hitorflop.service.messaging.UnreadableRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Measures stored audio and publishes its features, or the reason it cannot be measured or judged
 * (audio without musical content fails with {@code not-music}, see {@link MusicalContentCheck}).
 *
 * <p>Delivery is at-least-once, so a record can arrive again. The stored audio is deleted only
 * after the outcome has been acknowledged by the broker, therefore audio that is no longer in the
 * store means an earlier delivery already published this job's outcome: the redelivery is dropped
 * without publishing anything (a JobFailed here would be garbage, and an honest duplicate is not
 * needed). If the service dies between publishing and deleting, the redelivery measures the
 * audio again and publishes an outcome with the same event id (derived from the incoming event
 * id), which the results service recognises as already processed.
 *
 * <p>Unexpected failures (ffmpeg crashing or timing out, the broker not acknowledging) are retried
 * twice, then the record goes to {@code hitorflop.audio.ready.dlq} and results marks the job
 * FAILED; the audio is kept then, for diagnosis.
 */
@ApplicationScoped
public class AudioReadyConsumer {

    static final String STAGE = "feature-service";
    private static final Logger LOG = Logger.getLogger(AudioReadyConsumer.class);

    private final FeatureEngine engine;
    private final MusicalContentCheck musicalContent;
    private final AudioStore store;
    private final OutcomePublisher<FeaturesReady> publisher;
    private final MeterRegistry meters;

    AudioReadyConsumer(FeatureEngine engine, MusicalContentCheck musicalContent, AudioStore store,
                       @Channel("features-ready") MutinyEmitter<Record<String, FeaturesReady>> features,
                       @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failures,
                       FeatureConfig config, MeterRegistry meters) {
        this.engine = engine;
        this.musicalContent = musicalContent;
        this.store = store;
        this.publisher = new OutcomePublisher<>(FeaturesReady.class, features, failures, config.publishTimeout());
        this.meters = meters;
    }

    @Incoming("audio-ready")
    @Blocking(value = "analysis", ordered = false)
    @Retry(maxRetries = 2, delay = 1000, abortOn = UnreadableRecordException.class)
    public void consume(AudioReady audio) throws IOException {
        if (audio == null || audio.jobId() == null) {
            throw new UnreadableRecordException("the record is not an AudioReady event");
        }
        MDC.put("jobId", audio.jobId().toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            JobEvent result = measure(audio);
            if (result == null) {
                outcome = "redelivery";
                LOG.infof("audio %s is gone: an earlier delivery already published this job's outcome",
                        audio.audioRef());
                return;
            }
            publisher.publish(result);
            deleteAudio(audio.audioRef());
            outcome = result.getClass().getSimpleName();
            LOG.infof("%s from %s", outcome, audio.audioRef());
        } finally {
            started.stop(Timer.builder("hitorflop.stage.duration")
                    .description("Time a pipeline stage spends on one job")
                    .tags("stage", "feature", "outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
            MDC.remove("jobId");
        }
    }

    /** The job's outcome, or null when the audio was already consumed by an earlier delivery. */
    private JobEvent measure(AudioReady audio) throws IOException {
        UUID eventId = derivedEventId(audio.eventId());
        try (LocalAudio local = store.open(audio.audioRef())) {
            TrackAnalysis analysis = engine.analyze(local.path());
            musicalContent.check(analysis);
            return new FeaturesReady(JobEvent.SCHEMA_VERSION, eventId, audio.jobId(), Instant.now(),
                    FeatureSet.AUDIO.id(), analysis.modelFeatures(), analysis.descriptors(), analysis.dna(),
                    audio.explain());
        } catch (AudioNotFoundException alreadyConsumed) {
            return null;
        } catch (AudioRejectedException rejected) {
            return failed(eventId, audio, rejected.problemType(), rejected.getMessage());
        } catch (IllegalArgumentException notAReference) {
            return failed(eventId, audio, ProblemType.FEATURE_EXTRACTION_FAILED, notAReference.getMessage());
        }
    }

    private static JobFailed failed(UUID eventId, AudioReady audio, ProblemType type, String reason) {
        return new JobFailed(JobEvent.SCHEMA_VERSION, eventId, audio.jobId(), Instant.now(), STAGE, type.uri(), reason);
    }

    private void deleteAudio(String ref) throws IOException {
        try {
            store.delete(ref);
        } catch (IllegalArgumentException notAReference) {
            LOG.debugf("nothing to delete for the invalid reference '%s'", ref);
        }
    }

    /** A name-based (RFC 4122 version 3) UUID: the same incoming event always gives the same outcome id. */
    static UUID derivedEventId(UUID incoming) {
        return UUID.nameUUIDFromBytes((STAGE + ":" + incoming).getBytes(StandardCharsets.UTF_8));
    }
}
