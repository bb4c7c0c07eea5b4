package io.hitorflop.localstack.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Writes and reads records of the test broker ({@link LocalStackTestResource#kafkaBootstrapServers()})
 * directly, as another service would (committed records only). For tests; every read starts at
 * the beginning of the topic.
 */
public final class KafkaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Publishes {@code json} on {@code topic} under {@code key} and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String json) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, json)).get();
        }
    }

    /** Every record on {@code topic} keyed {@code key} seen until at least {@code minimum} arrived or {@code timeout} passed. */
    public static List<JsonNode> await(String topic, String key, int minimum, Duration timeout) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < minimum) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(parse(record.value()));
                    }
                }
            }
            return found;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The value of the first record on {@code topic} keyed {@code key}, waiting up to {@code timeout}. */
    public static Optional<JsonNode> find(String topic, String key, Duration timeout) {
        return await(topic, key, 1, timeout).stream().findFirst();
    }

    /** A dead letter may hold the unreadable original bytes, or nothing. */
    private static JsonNode parse(String value) throws IOException {
        if (value == null) {
            return NullNode.instance;
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(value);
        }
    }

    private KafkaEvents() {
    }
}
