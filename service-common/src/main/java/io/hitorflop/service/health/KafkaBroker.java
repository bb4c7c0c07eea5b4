package io.hitorflop.service.health;

import io.hitorflop.service.config.KafkaHealthConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import io.hitorflop.service.messaging.KafkaClientSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whether the Kafka broker answers now: one {@code DescribeCluster} request with a short deadline,
 * its answer kept for a moment. The Kafka clients of the channels reconnect by themselves and say
 * nothing while they retry, and Quarkus's own Kafka check waits for the broker without a deadline
 * (up to {@code default.api.timeout.ms}, a minute), longer than any probe's time-out.
 */
@ApplicationScoped
public class KafkaBroker {

    /** The broker's answer: reachable with its nodes, or not with the reason. */
    public record Reachability(boolean reachable, String detail, Instant at) {
    }

    private final Supplier<Admin> adminFactory;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Admin admin;
    private Reachability last;

    @Inject
    KafkaBroker(@Identifier("default-kafka-broker") Map<String, Object> kafka, KafkaHealthConfig config) {
        this(() -> Admin.create(adminSettings(kafka, config.timeout())), config.timeout(), config.cacheFor(),
                Clock.systemUTC());
    }

    KafkaBroker(Supplier<Admin> adminFactory, Duration timeout, Duration cacheFor, Clock clock) {
        this.adminFactory = adminFactory;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The broker's last answer if it is recent, else a new one (at most {@code timeout} away). */
    public synchronized Reachability reachability() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(cacheFor))) {
            last = probe(now);
        }
        return last;
    }

    private Reachability probe(Instant now) {
        try {
            if (admin == null) {
                admin = adminFactory.get();
            }
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return new Reachability(true, nodes.stream().map(node -> node.host() + ":" + node.port())
                    .collect(Collectors.joining(",")), now);
        } catch (ExecutionException failed) {
            return new Reachability(false, String.valueOf(failed.getCause()), now);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Reachability(false, "interrupted", now);
        } catch (Exception failed) {
            return new Reachability(false, failed.toString(), now);
        }
    }

    /** The shared {@code kafka.*} settings an admin client understands, its deadlines set to {@code timeout}. */
    static Map<String, Object> adminSettings(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> settings = KafkaClientSettings.understoodBy(AdminClientConfig.configNames(), kafka);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-" + settings.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "kafka"));
        return settings;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
