package io.hitorflop.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A measurement, not a check: how often does a controlled shutdown of the single local broker
 * lose the COMMIT marker of a transaction that the coordinator completed (the hanging transaction
 * FaultScenariosIT met once)? Each attempt commits small transactions over six partitions in a
 * tight loop, shuts the broker down under that load (KafkaBroker.close: the same controlled
 * shutdown as a SIGTERM), restarts it on the same data directory, lets a new producer with the same
 * transactional id abort whatever the coordinator still knows as ongoing, and then counts the
 * partitions where describeProducers still shows an open transaction. Run it with
 * {@code -Dhitorflop.race.attempts=N}; it prints one line per attempt and the total.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "hitorflop.race.attempts", matches = "\\d+")
class LostCommitMarkerRaceProbe {

    private static final String TOPIC = "race";
    private static final int PARTITIONS = 6;
    private static final int LOAD_BEFORE_SHUTDOWN = 200;

    @Test
    void countHangingTransactionsAfterShutdownsUnderLoad(@TempDir Path dir) throws Exception {
        int attempts = Integer.getInteger("hitorflop.race.attempts");
        int withHanging = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Path brokerDir = dir.resolve("broker-" + attempt);
            KafkaBroker broker = KafkaBroker.start(brokerDir);
            String bootstrap = broker.bootstrapServers();
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            broker.createTopics(List.of(TOPIC), PARTITIONS);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            CountDownLatch underLoad = new CountDownLatch(LOAD_BEFORE_SHUTDOWN);
            Thread load = new Thread(() -> commitInALoop(bootstrap, running, committed, underLoad), "race-load");
            load.start();
            underLoad.await(60, TimeUnit.SECONDS);
            broker.close();
            running.set(false);
            load.join(60_000);
            broker = KafkaBroker.start(brokerDir, port);
            try {
                int hanging = hangingPartitions(bootstrap);
                if (hanging > 0) {
                    withHanging++;
                }
                System.out.printf("race probe attempt %d: %d transactions committed before the shutdown, %d partitions with a hanging transaction%n",
                        attempt, committed.get(), hanging);
            } finally {
                broker.close();
            }
        }
        System.out.printf("race probe: %d of %d shutdowns under load left a hanging transaction%n", withHanging, attempts);
    }

    private static void commitInALoop(String bootstrap, AtomicBoolean running, AtomicInteger committed, CountDownLatch underLoad) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.initTransactions();
            while (running.get()) {
                try {
                    producer.beginTransaction();
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        producer.send(new ProducerRecord<>(TOPIC, partition, "k", "v"));
                    }
                    producer.commitTransaction();
                    committed.incrementAndGet();
                    underLoad.countDown();
                } catch (RuntimeException failed) {
                    return; // the broker is going away: the transaction thread of ingest would replace its producer
                }
            }
        }
    }

    private static int hangingPartitions(String bootstrap) throws Exception {
        try (KafkaProducer<String, String> successor = producer(bootstrap)) {
            successor.initTransactions(); // aborts what the coordinator still knows as ongoing
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            return (int) admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
                    .filter(description -> description.activeProducers().stream()
                            .anyMatch(producer -> producer.currentTransactionStartOffset().isPresent()))
                    .count();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "race-probe",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000), new StringSerializer(), new StringSerializer());
    }
}
