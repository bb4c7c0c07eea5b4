package io.hitorflop.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * NOT READY while the Kafka broker does not answer: every service only works through Kafka
 * (ingest cannot queue a job, the others receive nothing), so no traffic should be routed to it.
 * It turns READY again by itself with the broker; the clients reconnect on their own.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadinessCheck implements HealthCheck {

    private final KafkaBroker broker;

    KafkaBrokerReadinessCheck(KafkaBroker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaBroker.Reachability now = broker.reachability();
        return HealthCheckResponse.named("kafka-broker").status(now.reachable())
                .withData(now.reachable() ? "nodes" : "reason", now.detail())
                .withData("checkedAt", now.at().toString())
                .build();
    }
}
