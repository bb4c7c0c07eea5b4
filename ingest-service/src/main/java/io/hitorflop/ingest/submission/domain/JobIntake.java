package io.hitorflop.ingest.submission.domain;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import io.hitorflop.ingest.audio.AudioPipeline;
import io.hitorflop.ingest.audio.IntakeBusyException;
import io.hitorflop.ingest.audio.StoredAudio;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.submission.messaging.JobEventPublisher;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.ForbiddenDestinationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates jobs: an upload is probed, checked, transcoded to FLAC and put in the audio store
 * before its events are published; a feature vector is validated and published as is; a link is
 * checked and queued, to be fetched asynchronously. A job's events are one Kafka transaction and
 * all wait for its commit, so a 202 means the job is durably queued. Every field is first checked
 * against the submission limits (so the events always fit a Kafka record and hold only clean
 * text), and a webhook URL by the egress guard.
 */
@ApplicationScoped
public class JobIntake {

    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final IngestConfig config;
    private final AudioStore store;
    private final AudioPipeline audio;
    private final JobEventPublisher publisher;
    private final MeterRegistry meters;
    private final EgressGuard guard;
    private final SubmissionLimits submissionLimits;

    JobIntake(IngestConfig config, AudioStore store, AudioPipeline audio, JobEventPublisher publisher,
              MeterRegistry meters, EgressGuard guard) {
        this.guard = guard;
        this.config = config;
        this.store = store;
        this.audio = audio;
        this.publisher = publisher;
        this.meters = meters;
        this.submissionLimits = new SubmissionLimits(config.limits());
    }

    public AcceptedJob submitUpload(Path upload, String submittedFileName, Submitter submitter)
            throws AudioRejectedException, ForbiddenUrlException, InvalidFieldException, IntakeBusyException,
            IOException {
        String fileName = submissionLimits.fileName(submittedFileName);
        checkWebhookText(submitter);
        checkWebhook(submitter);
        UUID jobId = UUID.randomUUID();
        MDC.put("jobId", jobId.toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            StoredAudio stored;
            try {
                stored = audio.store(jobId, upload);
            } catch (AudioRejectedException rejected) {
                outcome = "rejected";
                throw rejected;
            } catch (IntakeBusyException busy) {
                outcome = "busy";
                throw busy;
            }
            JobAccepted accepted = JobAccepted.of(jobId, JobSource.AUDIO_UPLOAD, FeatureSet.AUDIO.id(), fileName,
                    submitter.owner(), submitter.webhookUrl());
            try {
                publisher.publish(accepted, AudioReady.of(jobId, stored.ref(), stored.probed().duration().toMillis()));
            } catch (RuntimeException notQueued) {
                store.delete(stored.ref());
                throw notQueued;
            }
            ProbedAudio probed = stored.probed();
            LOG.infof("accepted upload '%s' (%s, %s, %d ch, %d Hz, %d ms) as %s (%s)", fileName, probed.container(),
                    probed.codec(), probed.channels(), probed.sampleRate(), probed.duration().toMillis(), stored.ref(),
                    stored.keptAsUploaded() ? "audio stream copied" : "transcoded to FLAC");
            outcome = "accepted";
            return AcceptedJob.of(accepted);
        } finally {
            started.stop(stageTimer(JobSource.AUDIO_UPLOAD, outcome));
            MDC.remove("jobId");
        }
    }

    /**
     * Queues a link at once (202): the link is checked by the egress guard now and again, hop by
     * hop, when {@code LinkJobConsumer} fetches it.
     */
    public AcceptedJob submitLink(String submittedUrl, Submitter submitter)
            throws ForbiddenUrlException, InvalidFieldException {
        String url = submissionLimits.url("url", submittedUrl);
        checkWebhookText(submitter);
        vet("url", url);
        checkWebhook(submitter);
        UUID jobId = UUID.randomUUID();
        MDC.put("jobId", jobId.toString());
        try {
            JobAccepted accepted = JobAccepted.of(jobId, JobSource.AUDIO_URL, FeatureSet.AUDIO.id(), url,
                    submitter.owner(), submitter.webhookUrl());
            publisher.publish(accepted);
            LOG.infof("accepted link %s; it is fetched asynchronously", url);
            return AcceptedJob.of(accepted);
        } finally {
            MDC.remove("jobId");
        }
    }


    public AcceptedJob submitFeatures(Map<String, Double> features, Submitter submitter)
            throws InvalidFeaturesException, InvalidFieldException, ForbiddenUrlException {
        Map<String, Double> values = features == null ? Map.of() : features;
        submissionLimits.features(values);
        checkWebhookText(submitter);
        checkWebhook(submitter);
        List<FeatureViolation> violations = FeatureSet.SPOTIFY.validate(values);
        if (!violations.isEmpty()) {
            throw new InvalidFeaturesException(violations);
        }
        UUID jobId = UUID.randomUUID();
        MDC.put("jobId", jobId.toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            JobAccepted accepted = JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, FeatureSet.SPOTIFY.id(), null,
                    submitter.owner(), submitter.webhookUrl());
            publisher.publish(accepted, FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(),
                    FeatureSet.SPOTIFY.select(values), Map.of(), null));
            LOG.info("accepted a spotify feature vector");
            outcome = "accepted";
            return AcceptedJob.of(accepted);
        } finally {
            started.stop(stageTimer(JobSource.FEATURE_VECTOR, outcome));
            MDC.remove("jobId");
        }
    }

    /** Removes stored audio whose event could not be published. */
    public void discard(String ref) throws IOException {
        store.delete(ref);
    }

    /** Every field is checked against the limits before the egress guard resolves any name. */
    private void checkWebhookText(Submitter submitter) throws InvalidFieldException {
        if (submitter.webhookUrl() != null) {
            submissionLimits.url("webhook.url", submitter.webhookUrl());
        }
    }

    private void checkWebhook(Submitter submitter) throws ForbiddenUrlException {
        if (submitter.webhookUrl() != null) {
            vet("webhook.url", submitter.webhookUrl());
        }
    }

    private void vet(String field, String url) throws ForbiddenUrlException {
        try {
            guard.vet(url);
        } catch (ForbiddenDestinationException forbidden) {
            throw new ForbiddenUrlException(field, forbidden.getMessage());
        }
    }


    /** The ingest stage histogram, shared with the asynchronous link fetcher. */
    public Timer stageTimer(JobSource source, String outcome) {
        return Timer.builder("hitorflop.stage.duration")
                .description("Time a pipeline stage spends on one job")
                .tags("stage", "ingest", "source", source.name().toLowerCase(java.util.Locale.ROOT), "outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
