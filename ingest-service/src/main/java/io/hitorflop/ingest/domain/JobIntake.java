package io.hitorflop.ingest.domain;

import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.messaging.JobEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates jobs: an upload is probed, checked, transcoded to FLAC and put in the audio store
 * before its events are published; a feature vector is validated and published as is. Both wait
 * for the broker's acknowledgement, so a 202 means the job is durably queued.
 */
@ApplicationScoped
public class JobIntake {

    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final IngestConfig config;
    private final AudioStore store;
    private final JobEventPublisher publisher;
    private final MeterRegistry meters;
    private final AudioProber prober;
    private final FlacTranscoder transcoder;
    private final DurationLimits limits;

    JobIntake(IngestConfig config, AudioStore store, JobEventPublisher publisher, MeterRegistry meters)
            throws IOException {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.meters = meters;
        this.prober = new AudioProber(config.ffprobePath());
        this.transcoder = new FlacTranscoder(config.ffmpegPath());
        this.limits = new DurationLimits(config.minAudioDuration(), config.maxAudioDuration());
        Files.createDirectories(config.workDir());
    }

    public AcceptedJob submitUpload(Path upload, String fileName) throws AudioRejectedException, IOException {
        UUID jobId = UUID.randomUUID();
        MDC.put("jobId", jobId.toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            DeadlineProcessFunction processes = new DeadlineProcessFunction(config.transcodeTimeout());
            ProbedAudio probed;
            String ref;
            try {
                probed = prober.probe(upload, processes);
                limits.check(probed);
                ref = transcodeIntoStore(jobId, upload, processes);
            } catch (AudioRejectedException rejected) {
                outcome = "rejected";
                throw rejected;
            }
            JobAccepted accepted = JobAccepted.of(jobId, JobSource.AUDIO_UPLOAD, FeatureSet.AUDIO.id(), fileName);
            try {
                publisher.publish(accepted);
                publisher.publish(AudioReady.of(jobId, ref, probed.duration().toMillis()));
            } catch (RuntimeException notQueued) {
                store.delete(ref);
                throw notQueued;
            }
            LOG.infof("accepted upload '%s' (%s, %s, %d ch, %d Hz, %d ms) as %s", fileName, probed.container(),
                    probed.codec(), probed.channels(), probed.sampleRate(), probed.duration().toMillis(), ref);
            outcome = "accepted";
            return AcceptedJob.of(accepted);
        } finally {
            started.stop(stageTimer(JobSource.AUDIO_UPLOAD, outcome));
            MDC.remove("jobId");
        }
    }

    public AcceptedJob submitFeatures(Map<String, Double> features) throws InvalidFeaturesException {
        Map<String, Double> values = features == null ? Map.of() : features;
        List<FeatureViolation> violations = FeatureSet.SPOTIFY.validate(values);
        if (!violations.isEmpty()) {
            throw new InvalidFeaturesException(violations);
        }
        UUID jobId = UUID.randomUUID();
        MDC.put("jobId", jobId.toString());
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        try {
            JobAccepted accepted = JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, FeatureSet.SPOTIFY.id(), null);
            publisher.publish(accepted);
            publisher.publish(FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(), FeatureSet.SPOTIFY.select(values),
                    Map.of(), null));
            LOG.info("accepted a spotify feature vector");
            outcome = "accepted";
            return AcceptedJob.of(accepted);
        } finally {
            started.stop(stageTimer(JobSource.FEATURE_VECTOR, outcome));
            MDC.remove("jobId");
        }
    }

    private String transcodeIntoStore(UUID jobId, Path upload, DeadlineProcessFunction processes)
            throws AudioRejectedException, IOException {
        Path flac = Files.createTempFile(config.workDir(), jobId.toString(), ".flac");
        try {
            transcoder.transcode(upload, flac, processes);
            return store.put(jobId, flac);
        } finally {
            Files.deleteIfExists(flac);
        }
    }

    private Timer stageTimer(JobSource source, String outcome) {
        return Timer.builder("hitorflop.stage.duration")
                .description("Time a pipeline stage spends on one job")
                .tags("stage", "ingest", "source", source.name().toLowerCase(java.util.Locale.ROOT), "outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
