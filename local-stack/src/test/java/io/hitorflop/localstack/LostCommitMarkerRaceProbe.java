package io.hitorflop.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code -Dhitorflop.race.attempts=N} (and {@code -Dhitorflop.race.producers=P} producers at once,
 * each with its own transactional id; 1 by default); it prints one line per attempt and the total.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "hitorflop.race.attempts", matches = "\\d+")
class LostCommitMarkerRaceProbe {

    private static final String TOPIC = "race";
    private static final int PARTITIONS = 6;
    private static final int LOAD_BEFORE_SHUTDOWN = 200;
    /** Per transactional id, the number of its last transaction whose commitTransaction returned. */
    private static final Map<String, Integer> ACKNOWLEDGED = new ConcurrentHashMap<>();

    @Test
    void countHangingTransactionsAfterShutdownsUnderLoad(@TempDir Path dir) throws Exception {
        int attempts = Integer.getInteger("hitorflop.race.attempts");
        int producers = Integer.getInteger("hitorflop.race.producers", 1);
        int withHanging = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Path brokerDir = dir.resolve("broker-" + attempt);
            ACKNOWLEDGED.clear();
            KafkaBroker broker = KafkaBroker.start(brokerDir);
            String bootstrap = broker.bootstrapServers();
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            broker.createTopics(List.of(TOPIC), PARTITIONS);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            CountDownLatch underLoad = new CountDownLatch(LOAD_BEFORE_SHUTDOWN);
            List<Thread> load = IntStream.range(0, producers)
                    .mapToObj(producer -> new Thread(() -> commitInALoop(bootstrap, "race-probe-" + producer, running,
                            committed, underLoad), "race-load-" + producer))
                    .toList();
            load.forEach(Thread::start);
            underLoad.await(60, TimeUnit.SECONDS);
            broker.close();
            running.set(false);
            for (Thread producer : load) {
                producer.join(60_000);
            }
            broker = KafkaBroker.start(brokerDir, port);
            try {
                int hanging = hangingPartitions(bootstrap, producers);
                if (hanging > 0) {
                    withHanging++;
                }
                System.out.printf("race probe attempt %d: %d transactions committed before the shutdown, %d partitions with a hanging transaction%n",
                        attempt, committed.get(), hanging);
            } finally {
                broker.close();
            }
        }
        System.out.printf("race probe: %d of %d shutdowns under load (%d producers) left a hanging transaction%n",
                withHanging, attempts, producers);
    }

    private static void commitInALoop(String bootstrap, String transactionalId, AtomicBoolean running, AtomicInteger committed,
                                      CountDownLatch underLoad) {
        try (KafkaProducer<String, String> producer = producer(bootstrap, transactionalId)) {
            producer.initTransactions();
            int transactions = 0;
            while (running.get()) {
                try {
                    producer.beginTransaction();
                    int transaction = ++transactions;
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        producer.send(new ProducerRecord<>(TOPIC, partition, "k", transactionalId + "#" + transaction));
                    }
                    producer.commitTransaction();
                    ACKNOWLEDGED.put(transactionalId, transaction);
                    committed.incrementAndGet();
                    underLoad.countDown();
                } catch (RuntimeException failed) {
                    return; // the broker is going away: the transaction thread of ingest would replace its producer
                }
            }
        }
    }

    private static int hangingPartitions(String bootstrap, int producers) throws Exception {
        for (int producer = 0; producer < producers; producer++) {
            try (KafkaProducer<String, String> successor = producer(bootstrap, "race-probe-" + producer)) {
                successor.initTransactions(); // aborts what the coordinator still knows as ongoing
            }
        }
        int hanging = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            for (Map.Entry<TopicPartition, PartitionProducerState> partition
                    : admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).entrySet()) {
                for (ProducerState open : partition.getValue().activeProducers()) {
                    if (open.currentTransactionStartOffset().isPresent()) {
                        hanging++;
                        String transaction = valueAt(bootstrap, partition.getKey(), open.currentTransactionStartOffset().getAsLong());
                        String transactionalId = transaction.substring(0, transaction.indexOf('#'));
                        int number = Integer.parseInt(transaction.substring(transaction.indexOf('#') + 1));
                        TransactionDescription coordinator = admin.describeTransactions(List.of(transactionalId))
                                .description(transactionalId).get(30, TimeUnit.SECONDS);
                        System.out.printf("race probe: %s open from offset %d (producer %d, epoch %d; coordinator: "
                                        + "producer %d, epoch %d, %s): transaction %s, its commitTransaction %s (last "
                                        + "acknowledged: #%d)%n",
                                partition.getKey(), open.currentTransactionStartOffset().getAsLong(), open.producerId(),
                                open.producerEpoch(), coordinator.producerId(), coordinator.producerEpoch(),
                                coordinator.state(), transaction,
                                number <= ACKNOWLEDGED.getOrDefault(transactionalId, 0) ? "had returned" : "had not returned",
                                ACKNOWLEDGED.getOrDefault(transactionalId, 0));
                    }
                }
            }
        }
        return hanging;
    }

    /** The value at {@code offset}, read uncommitted (it is in an open transaction). */
    private static String valueAt(String bootstrap, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record.value();
                    }
                }
            }
            throw new IllegalStateException("no record at " + partition + "@" + offset);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000), new StringSerializer(), new StringSerializer());
    }
}
