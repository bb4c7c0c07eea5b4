package io.hitorflop.localstack;

import io.hitorflop.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class KafkaBrokerTest {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void listensOnLoopbackAtAFreePort() {
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void createsTopicsWithTheRequestedPartitions() throws Exception {
        broker.createTopics(List.of("partitioned"), 6);
        broker.createTopics(List.of("partitioned"), 6);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var description = admin.describeTopics(Set.of("partitioned")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(description.get("partitioned").partitions()).hasSize(6);
        }
    }

    @Test
    void createsThePipelineTopicsAndTheirDeadLetterTopics() throws Exception {
        broker.createPipelineTopics();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).contains(Topics.VERDICTS, Topics.deadLetterOf(Topics.VERDICTS), Topics.JOBS_ACCEPTED,
                    Topics.deadLetterOf(Topics.AUDIO_READY), Topics.deadLetterOf(Topics.EXPLANATIONS), Topics.BATCHES,
                    Topics.deadLetterOf(Topics.BATCHES), Topics.BATCH_ROWS_DEAD_LETTER);
            var verdicts = admin.describeTopics(Set.of(Topics.deadLetterOf(Topics.VERDICTS))).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(verdicts.get(Topics.deadLetterOf(Topics.VERDICTS)).partitions()).hasSize(Topics.PARTITIONS);
        }
    }

    @Test
    void deliversAProducedRecordToAConsumer() throws Exception {
        broker.createTopics(List.of("round-trip"), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("round-trip", "job-1", "hello")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("round-trip"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("job-1");
            assertThat(record.value()).isEqualTo("hello");
        });
    }
}
