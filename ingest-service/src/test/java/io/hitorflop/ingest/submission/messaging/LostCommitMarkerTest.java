package io.hitorflop.ingest.submission.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.localstack.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A real hanging transaction on a real broker, made deterministically: a job's transaction is
 * committed, the broker is stopped, its COMMIT markers are cut from the two partition logs (what
 * the broker in FaultScenariosIT lost when it shut down between the coordinator's CompleteCommit
 * and the markers), and the broker restarts on the same data with its producer state rebuilt from
 * the logs. Then the transaction is open in both partitions, read_committed readers stop before
 * the job, and the coordinator holds nothing open: the repair must close it the way it ended.
 * Each case runs a broker of its own (about 8 s on a 2-core machine).
 */
@Tag("integration")
class LostCommitMarkerTest {

    private static final List<TopicPartition> PARTITIONS = List.of(
            new TopicPartition(Topics.JOBS_ACCEPTED, 0), new TopicPartition(Topics.AUDIO_READY, 0));
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path dir;
    private KafkaBroker broker;
    private String bootstrap;

    @AfterEach
    void closeAll() throws Exception {
        for (int last = toClose.size() - 1; last >= 0; last--) {
            toClose.get(last).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aCommittedTransactionWhoseMarkersWereLostIsClosedAsCommitted() throws Exception {
        IngestConfig config = config("lost-marker-" + UUID.randomUUID());
        JobEventPublisher publisher = publisher(config);
        UUID jobId = UUID.randomUUID();
        publisher.publish(audioJob(jobId));
        cutTheMarkersAndRestart(config);
        assertThat(committedEnds()).as("read_committed readers stop before the job").containsOnly(0L);

        HangingTransactionRepair repair = repair(publisher, config);

        assertThat(repair.check()).extracting(HangingTransaction::partition, HangingTransaction::startOffset)
                .containsExactlyInAnyOrder(tuple(PARTITIONS.get(0), 0L), tuple(PARTITIONS.get(1), 0L));
        assertThat(committedEvents(jobId)).as("each event visible, with its duplicate")
                .containsOnlyKeys(Topics.JOBS_ACCEPTED, Topics.AUDIO_READY)
                .allSatisfy((topic, events) -> assertThat(events).hasSize(2).extracting(JobEvent::eventId)
                        .containsOnly(events.get(0).eventId()));
        assertThat(repaired("committed", "known")).isEqualTo(2);
        assertThat(repair.check()).as("nothing hangs any more").isEmpty();
    }

    @Test
    void anAbortedTransactionWhoseMarkersWereLostIsAborted() throws Exception {
        IngestConfig config = config("lost-marker-" + UUID.randomUUID());
        JobEventPublisher publisher = publisher(config);
        UUID jobId = UUID.randomUUID();
        JobEvent[] job = audioJob(jobId);
        publisher.publish(job);
        // as if its caller had given up before the commit: this instance remembers an abort
        publisher.outcomes().remember(PARTITIONS.stream().map(partition -> new ProducerRecord<>(partition.topic(),
                        jobId.toString(), "event")).toList(),
                PARTITIONS.stream().map(partition -> writtenAtStart(partition)).toList(), TransactionOutcomes.Outcome.ABORTED);
        cutTheMarkersAndRestart(config);
        assertThat(committedEnds()).containsOnly(0L);

        assertThat(repair(publisher, config).check()).hasSize(2);

        assertThat(committedEnds()).as("the ABORT markers let readers past the job").allSatisfy(end -> assertThat(end).isPositive());
        assertThat(committedEvents(jobId)).isEmpty();
        assertThat(repaired("aborted", "known")).isEqualTo(2);
    }

    @Test
    void aRestartedInstanceClosesItsPredecessorsTransactionAsCommitted() throws Exception {
        IngestConfig config = config("lost-marker-" + UUID.randomUUID());
        JobEventPublisher predecessor = publisher(config);
        UUID jobId = UUID.randomUUID();
        predecessor.publish(audioJob(jobId));
        predecessor.stop();
        cutTheMarkersAndRestart(config);
        assertThat(committedEnds()).containsOnly(0L);
        JobEventPublisher restarted = publisher(config);

        assertThat(repair(restarted, config).check()).hasSize(2);

        assertThat(committedEvents(jobId)).containsOnlyKeys(Topics.JOBS_ACCEPTED, Topics.AUDIO_READY);
        assertThat(repaired("committed", "unknown")).isEqualTo(2);
    }

    private JobEvent[] audioJob(UUID jobId) {
        return new JobEvent[] {JobAccepted.of(jobId, JobSource.AUDIO_UPLOAD, "audio", "song.flac", "test", null),
                AudioReady.of(jobId, jobId + ".flac", 180_000)};
    }

    private JobEventPublisher publisher(IngestConfig config) throws IOException {
        if (broker == null) {
            broker = KafkaBroker.start(brokerHome());
            bootstrap = broker.bootstrapServers();
            broker.createTopics(List.of(Topics.JOBS_ACCEPTED, Topics.AUDIO_READY), 1);
        }
        JobEventPublisher publisher = new JobEventPublisher(kafka(), json, config, meters);
        toClose.add(publisher::stop);
        return publisher;
    }

    private HangingTransactionRepair repair(JobEventPublisher publisher, IngestConfig config) {
        // the transaction is a few seconds old: a clock a minute ahead makes it older than the time-out
        Clock oneMinuteLater = Clock.fixed(Instant.now().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        HangingTransactionRepair repair = new HangingTransactionRepair(publisher, kafka(), json, config, meters, oneMinuteLater);
        toClose.add(repair::stop);
        return repair;
    }

    /**
     * Stops the broker, cuts the job's COMMIT markers from both partitions, starts it again on the
     * same port and data. The broker answers before its partitions have leaders again (a check
     * then skips them until the next one): each case first waits for the partitions' ends.
     */
    private void cutTheMarkersAndRestart(IngestConfig config) throws IOException {
        // commitTransaction returns before the coordinator has the markers written and records
        // CompleteCommit; a coordinator stopped before that writes them again after the restart
        String transactionalId = config.transactions().id();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId).get().state() == TransactionState.COMPLETE_COMMIT);
        }
        broker.close();
        PARTITIONS.forEach(partition -> cutCommitMarker(brokerHome().resolve("data"), partition));
        broker = KafkaBroker.start(brokerHome(), portOf(bootstrap));
    }

    private double repaired(String closedAs, String outcome) {
        return meters.counter("hitorflop.ingest.transactions.repaired", "closed-as", closedAs, "outcome", outcome).count();
    }

    private static Future<RecordMetadata> writtenAtStart(TopicPartition partition) {
        return CompletableFuture.completedFuture(new RecordMetadata(partition, 0, 0, 0, 0, 0));
    }

    private Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", bootstrap);
    }

    private Path brokerHome() {
        return dir.resolve("kafka");
    }

    /** Cuts the partition's log before its first control batch and drops what would let the broker skip rebuilding its producer state. */
    private static void cutCommitMarker(Path data, TopicPartition partition) {
        Path partitionDir = data.resolve(partition.topic() + "-" + partition.partition());
        Path segment = partitionDir.resolve("00000000000000000000.log");
        try (FileRecords log = FileRecords.open(segment.toFile())) {
            int markerAt = -1;
            for (FileChannelRecordBatch batch : log.batches()) {
                if (batch.isControlBatch()) {
                    markerAt = batch.position();
                    break;
                }
            }
            assertThat(markerAt).as("the COMMIT marker of " + partition).isPositive();
            log.truncateTo(markerAt);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.list(partitionDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".snapshot") || name.endsWith(".index") || name.endsWith(".timeindex")
                        || name.endsWith(".txnindex")) {
                    Files.delete(file);
                }
            }
            Files.deleteIfExists(data.resolve(".kafka_cleanshutdown"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Long> committedEnds() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            PARTITIONS.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(30, TimeUnit.SECONDS).values().stream().map(info -> info.offset()).toList();
        }
    }

    /** The events of the job a read_committed reader sees, by topic, once both partitions' ends are read. */
    private Map<String, List<JobEvent>> committedEvents(UUID jobId) throws IOException {
        Map<String, List<JobEvent>> byTopic = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(PARTITIONS);
            consumer.seekToBeginning(PARTITIONS);
            Map<TopicPartition, Long> ends = consumer.endOffsets(PARTITIONS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (PARTITIONS.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JobEvent event = json.readValue(record.value(), JobEventPublisher.EVENT_TYPES.get(record.topic()));
                    if (event.jobId().equals(jobId)) {
                        byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
        return byTopic;
    }

    private static int portOf(String bootstrap) {
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    /** The defaults of the publisher and the repair, with {@code transactionalId}. */
    static IngestConfig config(String transactionalId) {
        IngestConfig.Repair repair = settings(IngestConfig.Repair.class, Map.of(
                "interval", Duration.ofSeconds(30), "remember", Duration.ofMinutes(10), "rememberMax", 100_000));
        IngestConfig.Transactions transactions = settings(IngestConfig.Transactions.class, Map.of(
                "id", transactionalId, "timeout", TRANSACTION_TIMEOUT, "linger", Duration.ZERO, "maxEvents", 500,
                "repair", repair));
        return settings(IngestConfig.class, Map.of("publishTimeout", Duration.ofSeconds(10), "transactions", transactions));
    }

    @SuppressWarnings("unchecked")
    private static <T> T settings(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(LostCommitMarkerTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.get(method.getName()));
    }
}
