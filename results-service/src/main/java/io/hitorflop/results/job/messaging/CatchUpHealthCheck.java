package io.hitorflop.results.job.messaging;

import io.hitorflop.results.job.service.CatchUpGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the events waiting at start have been read: until then the API may show a job
 * in an older state than its events say.
 */
@Readiness
@ApplicationScoped
public class CatchUpHealthCheck implements HealthCheck {

    static final String NAME = "Pipeline topics read up to their end at start";

    private final CatchUpGate gate;

    CatchUpHealthCheck(CatchUpGate gate) {
        this.gate = gate;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(gate.caughtUp()).build();
    }
}
