package io.hitorflop.ingest.submission.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.localstack.testing.KafkaEvents;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commits on a real broker, each case with a publisher of its own (its own transactional id,
 * linger and publish time-out), so the grouping does not depend on the timing of the machine.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class GroupCommitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    ObjectMapper json;

    @Inject
    IngestConfig config;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Duration> publishTimeout = new AtomicReference<>(Duration.ofSeconds(10));
    private final List<JobEventPublisher> publishers = new ArrayList<>();

    @BeforeEach
    void forgetEarlierTransactions() {
        meters.clear();
    }

    @AfterEach
    void stopPublishers() {
        publishers.forEach(JobEventPublisher::stop);
    }

    @Test
    void concurrentCallersShareTransactionsAndEachGetsItsJobCommitted() throws Exception {
        JobEventPublisher publisher = publisher(Duration.ofMillis(100));
        int callers = 40;
        List<UUID> jobs = IntStream.range(0, callers).mapToObj(i -> UUID.randomUUID()).toList();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> calls = jobs.stream().map(jobId -> threads.submit(() -> {
                start.await();
                publisher.publish(vectorJob(jobId));
                return null;
            })).collect(Collectors.toList());
            start.countDown();
            for (Future<?> call : calls) {
                call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        DistributionSummary perTransaction = meters.get("hitorflop.ingest.transaction.events").summary();
        assertThat(perTransaction.totalAmount()).isEqualTo(2.0 * callers);
        assertThat(perTransaction.count()).as("transactions for %d callers", callers).isLessThan(callers / 4);
        for (UUID jobId : jobs) {
            assertThat(KafkaEvents.find(Topics.FEATURES_READY, jobId.toString(), PATIENCE)).as("job " + jobId).isPresent();
        }
    }

    @Test
    void aFailedTransactionFailsExactlyTheJobsInItWithOneError() {
        JobEventPublisher publisher = publisher(Duration.ofMillis(300));
        UUID before = UUID.randomUUID();
        publisher.publish(vectorJob(before));
        UUID first = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID last = UUID.randomUUID();

        List<Optional<EventNotPublishedException>> outcomes = publisher.publishAll(List.of(
                List.of(vectorJob(first)), List.of(jobWithTooLargeFeatures(tooLarge)), List.of(vectorJob(last))));
        UUID after = UUID.randomUUID();
        publisher.publish(vectorJob(after));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isPresent());
        Throwable cause = outcomes.get(0).orElseThrow().getCause();
        assertThat(outcomes).extracting(outcome -> outcome.orElseThrow().getCause()).containsOnly(cause);
        assertThat(outcomes.get(2).orElseThrow()).hasMessageContaining("of job " + last);
        assertThat(KafkaEvents.find(Topics.FEATURES_READY, after.toString(), PATIENCE)).isPresent();
        assertThat(KafkaEvents.find(Topics.FEATURES_READY, before.toString(), PATIENCE)).isPresent();
        for (UUID refused : List.of(first, tooLarge, last)) {
            assertThat(KafkaEvents.await(Topics.JOBS_ACCEPTED, refused.toString(), 1, Duration.ofSeconds(3)))
                    .as("JobAccepted of refused job " + refused).isEmpty();
        }
    }

    @Test
    void aCallerThatGaveUpWhileQueuedIsNeverCommittedAndItsGroupIs() {
        JobEventPublisher publisher = publisher(Duration.ofSeconds(2));
        UUID abandoned = UUID.randomUUID();
        publishTimeout.set(Duration.ofMillis(200));
        // the transaction thread takes the job and lingers 2 s for more: the caller gives up first
        assertThatThrownBy(() -> publisher.publish(vectorJob(abandoned)))
                .isInstanceOf(EventNotPublishedException.class)
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        publishTimeout.set(Duration.ofSeconds(10));
        UUID sameGroup = UUID.randomUUID();
        publisher.publish(vectorJob(sameGroup));
        publisher.stop(); // whatever was still waiting has been committed or refused now

        assertThat(meters.get("hitorflop.ingest.transaction.events").summary().count())
                .as("one transaction, without the abandoned job").isEqualTo(1);
        assertThat(KafkaEvents.find(Topics.FEATURES_READY, sameGroup.toString(), PATIENCE)).isPresent();
        assertThat(KafkaEvents.await(Topics.JOBS_ACCEPTED, abandoned.toString(), 1, Duration.ofSeconds(3)))
                .as("JobAccepted of the job whose caller gave up").isEmpty();
    }

    /** A publisher with the application's settings but its own transactional id, linger and adjustable time-out. */
    private JobEventPublisher publisher(Duration linger) {
        IngestConfig.Transactions transactions = delegate(IngestConfig.Transactions.class, config.transactions(), Map.of(
                "id", "group-commit-test-" + UUID.randomUUID(),
                "linger", linger));
        IngestConfig settings = (IngestConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IngestConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "publishTimeout" -> publishTimeout.get();
                    case "transactions" -> transactions;
                    default -> invoke(method, config, args);
                });
        JobEventPublisher publisher = new JobEventPublisher(kafka, json, settings, meters);
        publishers.add(publisher);
        return publisher;
    }

    @SuppressWarnings("unchecked")
    private static <T> T delegate(Class<T> type, T target, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> overrides.containsKey(method.getName())
                        ? overrides.get(method.getName()) : invoke(method, target, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static JobEvent[] vectorJob(UUID jobId) {
        return new JobEvent[] {JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, FeatureSet.SPOTIFY.id(), null, "test", null),
                FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(), Map.of("energy", 0.5), Map.of(), null)};
    }

    /** The FeaturesReady is over the producer's 1 MiB max.request.size, so the broker never gets it. */
    private static JobEvent[] jobWithTooLargeFeatures(UUID jobId) {
        Map<String, Double> tooLarge = IntStream.range(0, 60_000).boxed()
                .collect(Collectors.toMap(i -> "descriptor_" + i, i -> (double) i));
        return new JobEvent[] {JobAccepted.of(jobId, JobSource.FEATURE_VECTOR, FeatureSet.SPOTIFY.id(), null, "test", null),
                FeaturesReady.of(jobId, FeatureSet.SPOTIFY.id(), Map.of(), tooLarge, null)};
    }
}
