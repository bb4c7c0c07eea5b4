package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job's events are one transaction on a real broker: read_committed readers see all of them or none. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class JobEventPublisherTest {

    @Inject
    JobEventPublisher publisher;

    @Test
    void whenTheSecondEventCannotBeWrittenTheFirstIsNeverSeen() {
        UUID jobId = UUID.randomUUID();

        assertThatThrownBy(() -> publishWithTooLargeFeatures(jobId))
                .isInstanceOf(EventNotPublishedException.class)
                .hasMessageContaining("JobAccepted + FeaturesReady of job " + jobId);

        assertThat(KafkaEvents.await(Topics.JOBS_ACCEPTED, jobId.toString(), 1, Duration.ofSeconds(3)))
                .as("JobAccepted of the aborted transaction").isEmpty();
    }

    @Test
    void afterAnAbortedTransactionTheNextJobIsPublishedWhole() {
        assertThatThrownBy(() -> publishWithTooLargeFeatures(UUID.randomUUID()))
                .isInstanceOf(EventNotPublishedException.class);

        UUID jobId = UUID.randomUUID();
        publisher.publish(accepted(jobId), FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(),
                Map.of("energy", 0.5), Map.of(), null));

        assertThat(KafkaEvents.find(Topics.JOBS_ACCEPTED, jobId.toString(), Duration.ofSeconds(20))).isPresent();
        assertThat(KafkaEvents.find(Topics.FEATURES_READY, jobId.toString(), Duration.ofSeconds(20))).isPresent();
    }

    /** The FeaturesReady is over the producer's 1 MiB max.request.size, so the broker never gets it. */
    private void publishWithTooLargeFeatures(UUID jobId) {
        Map<String, Double> tooLarge = IntStream.range(0, 60_000).boxed()
                .collect(Collectors.toMap(i -> "descriptor_" + i, i -> (double) i));
        publisher.publish(accepted(jobId), FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(), Map.of(), tooLarge, null));
    }

    private static JobAccepted accepted(UUID jobId) {
        return JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, FeatureSet.SPOTIFY.id(), null, "test", null);
    }
}
