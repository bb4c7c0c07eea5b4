package io.hitorflop.ingest.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.ingest.config.IngestConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes job events keyed by job id and blocks until the broker acknowledges them (acks=all,
 * see application.properties), so an answer of 202 is only given for a durably queued job.
 */
@ApplicationScoped
public class JobEventPublisher {

    private final MutinyEmitter<Record<String, JobAccepted>> accepted;
    private final MutinyEmitter<Record<String, AudioReady>> audioReady;
    private final MutinyEmitter<Record<String, FeaturesReady>> featuresReady;
    private final MutinyEmitter<Record<String, JobFailed>> failed;
    private final IngestConfig config;

    JobEventPublisher(@Channel("jobs-accepted") MutinyEmitter<Record<String, JobAccepted>> accepted,
                      @Channel("audio-ready") MutinyEmitter<Record<String, AudioReady>> audioReady,
                      @Channel("features-ready") MutinyEmitter<Record<String, FeaturesReady>> featuresReady,
                      @Channel("jobs-failed") MutinyEmitter<Record<String, JobFailed>> failed,
                      IngestConfig config) {
        this.failed = failed;
        this.accepted = accepted;
        this.audioReady = audioReady;
        this.featuresReady = featuresReady;
        this.config = config;
    }

    public void publish(JobAccepted event) {
        send(accepted, Topics.JOBS_ACCEPTED, event);
    }

    public void publish(AudioReady event) {
        send(audioReady, Topics.AUDIO_READY, event);
    }

    public void publish(FeaturesReady event) {
        send(featuresReady, Topics.FEATURES_READY, event);
    }

    public void publish(JobFailed event) {
        send(failed, Topics.JOBS_FAILED, event);
    }

    private <E extends JobEvent> void send(MutinyEmitter<Record<String, E>> emitter, String topic, E event) {
        try {
            emitter.send(Record.of(event.jobId().toString(), event)).await().atMost(config.publishTimeout());
        } catch (RuntimeException notAcknowledged) {
            throw new EventNotPublishedException(event, topic, notAcknowledged);
        }
    }
}
