package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.service.health.KafkaBroker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DOWN when the job-event producer cannot recover by itself, so the orchestrator restarts the
 * service: a transaction has run longer than {@code hitorflop.ingest.transactions.unrecoverable-after}
 * (each blocking step is bounded by the publish time-out, so the thread is wedged), or every
 * transaction has failed for that long while the broker answers (replacing the producer did not
 * help). A broker outage alone keeps it UP: a restart cannot bring Kafka back, and readiness
 * already takes the service out of rotation.
 */
@Liveness
@ApplicationScoped
public class JobEventsLivenessCheck implements HealthCheck {

    private final JobEventPublisher publisher;
    private final KafkaBroker broker;
    private final Duration unrecoverableAfter;
    private final Clock clock = Clock.systemUTC();

    JobEventsLivenessCheck(JobEventPublisher publisher, KafkaBroker broker, IngestConfig config) {
        this.publisher = publisher;
        this.broker = broker;
        this.unrecoverableAfter = config.transactions().unrecoverableAfter();
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> stuck = unrecoverable(publisher.busySince(), publisher.failingSince(),
                () -> broker.reachability().reachable(), clock.instant(), unrecoverableAfter);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("job-event-producer").status(stuck.isEmpty())
                .withData("producersReplaced", publisher.producersReplaced());
        stuck.ifPresent(reason -> response.withData("reason", reason));
        return response.build();
    }

    /** Why the producer cannot recover by itself, or empty when it can. */
    static Optional<String> unrecoverable(Optional<Instant> busySince, Optional<Instant> failingSince,
                                          Supplier<Boolean> brokerReachable, Instant now, Duration limit) {
        if (busySince.filter(since -> since.plus(limit).isBefore(now)).isPresent()) {
            return Optional.of("one transaction has been running since " + busySince.get());
        }
        if (failingSince.filter(since -> since.plus(limit).isBefore(now)).isPresent() && brokerReachable.get()) {
            return Optional.of("every transaction since " + failingSince.get() + " failed although the broker answers");
        }
        return Optional.empty();
    }
}
