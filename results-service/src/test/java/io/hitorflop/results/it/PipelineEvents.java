package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.ClosestSong;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.HeldOutAuc;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Publishes pipeline events to the test broker as the other services would, and waits for the service to consume them. */
final class PipelineEvents implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON_LINES = new ObjectMapper();
    /** What the test verdicts say of their model set. */
    static final HeldOutAuc HELD_OUT_AUC = new HeldOutAuc(0.714, 0.689, 0.739);

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    private final ObjectMapper json;

    PipelineEvents(ObjectMapper json) {
        this.json = json;
    }

    void publish(String topic, JobEvent event) {
        send(record(topic, event));
    }

    void publish(ExplanationReady explanation) {
        try {
            send(new ProducerRecord<>(Topics.EXPLANATIONS, explanation.jobId().toString(),
                    json.writeValueAsString(explanation)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("could not write " + explanation, e);
        }
    }

    /**
     * What inference (or this service's explanations channel) writes when it gives up on a job's
     * explanation: a record keyed by the job id on {@code hitorflop.explanations.dlq} with the
     * connector's {@code dead-letter-reason} header.
     */
    void deadLetterExplanation(UUID jobId, String reason) {
        ProducerRecord<String, String> deadLetter = new ProducerRecord<>(Topics.deadLetterOf(Topics.EXPLANATIONS),
                jobId.toString(), "{}");
        deadLetter.headers().add("dead-letter-reason", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send(deadLetter);
    }

    /** Sends a record as it is (also one no service would write). */
    void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not publish to " + record.topic(), e);
        }
    }

    /**
     * Sends {@code records} as one record batch on partition 0 of their topic: the producer holds
     * them until the flush, the broker appends the batch whole and a fetch returns it whole, so the
     * service's next poll hands them over together. (Not a Kafka transaction: its commit marker takes
     * an offset no consumer commits past, which {@link #awaitAllConsumed} would wait for.)
     */
    static void sendTogether(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> batching = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 60_000,
                ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20), new StringSerializer(), new StringSerializer())) {
            records.forEach(record -> batching.send(new ProducerRecord<>(record.topic(), 0, record.key(), record.value())));
            batching.flush();
        }
    }

    /** {@code event} as the record its producer would write. */
    ProducerRecord<String, String> record(String topic, JobEvent event) {
        try {
            return new ProducerRecord<>(topic, event.jobId().toString(), json.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("could not write " + event, e);
        }
    }

    /** Measured features of a job: a verdict makes a job DONE only once they are stored. */
    static FeaturesReady featuresEvent(UUID jobId, Instant at) {
        return new FeaturesReady(1, UUID.randomUUID(), jobId, at, "audio", Map.of("tempo", 120.0), Map.of(), null);
    }

    static final ClosestSong CLOSEST_SONG = new ClosestSong("Hey Jude", "The Beatles", "60s", Verdict.Label.HIT, 0.42);

    static VerdictReady verdictEvent(UUID jobId, Instant at, Verdict.Label label, int hitVotes) {
        List<ModelVote> votes = List.of("random_forest", "xgboost", "ada_boost", "knn", "decision_tree").stream()
                .map(model -> new ModelVote(model, label, label == Verdict.Label.HIT ? 0.7 : 0.3))
                .toList();
        Verdict verdict = new Verdict(label, hitVotes, label == Verdict.Label.HIT ? 0.7 : 0.3, votes,
                List.of(new FeatureContribution("loudness", -8.25, -9.0, label == Verdict.Label.HIT ? 0.2 : -0.2)),
                HELD_OUT_AUC, 0.5, List.of(CLOSEST_SONG));
        return new VerdictReady(VerdictReady.SCHEMA_VERSION, UUID.randomUUID(), jobId, at, "audio", "test-models-1",
                verdict);
    }

    /** A verdict as the inference service sends it since explanations follow: no explanation, no baseline. */
    static VerdictReady unexplainedVerdictEvent(UUID jobId, Instant at) {
        Verdict explained = verdictEvent(jobId, at, Verdict.Label.HIT, 4).verdict();
        Verdict verdict = new Verdict(explained.label(), explained.hitVotes(), explained.probability(), explained.votes(),
                List.of(), HELD_OUT_AUC, null, List.of(CLOSEST_SONG));
        return new VerdictReady(VerdictReady.SCHEMA_VERSION, UUID.randomUUID(), jobId, at, "audio", "test-models-1",
                verdict);
    }

    /** The follow-up explanation of {@link #unexplainedVerdictEvent}: two values summing to 0.7 - 0.45. */
    static ExplanationReady explanationEvent(UUID jobId, Instant at) {
        return new ExplanationReady(ExplanationReady.SCHEMA_VERSION, UUID.randomUUID(), jobId, at, "audio",
                "test-models-1", 0.45, List.of(new FeatureContribution("tempo", 120.0, 118.0, 0.2),
                new FeatureContribution("loudness", -8.25, -9.0, 0.05)));
    }

    /** Waits until the results-service group has committed every record published so far on the job topics. */
    static void awaitAllConsumed() throws Exception {
        awaitConsumed(Topics.ALL);
    }

    /** Waits until the results-service group has committed every record published so far on {@code topics}. */
    static void awaitConsumed(List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : topics) {
                for (int partition = 0; partition < Topics.PARTITIONS; partition++) {
                    ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> published = new HashMap<>();
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> published.put(partition, info.offset()));
            await().atMost(PATIENCE).alias("results-service consumed everything published so far").until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("results-service")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                return published.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The keys of the committed records on {@code topic} from its start, once there are at least {@code atLeast}. */
    static Set<String> keysOn(String topic, int atLeast) {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
                return keys.size() >= atLeast;
            });
        }
        return keys;
    }

    /** A JSON Lines body (a batch's results), one node per line. */
    static List<JsonNode> jsonLines(String body) {
        return body.lines().map(line -> {
            try {
                return JSON_LINES.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                throw new AssertionError("not JSON: " + line, unreadable);
            }
        }).toList();
    }
}
