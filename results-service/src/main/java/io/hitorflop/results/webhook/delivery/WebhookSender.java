package io.hitorflop.results.webhook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.results.config.ResultsConfig;
import io.hitorflop.results.job.api.JobView;
import io.hitorflop.results.job.persistence.ExplanationStore;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.results.lifecycle.ServiceLifecycle;
import io.hitorflop.results.webhook.domain.AttemptOutcome;
import io.hitorflop.results.webhook.domain.RetrySchedule;
import io.hitorflop.results.webhook.domain.WebhookDelivery;
import io.hitorflop.results.webhook.domain.WebhookRetryPolicy;
import io.hitorflop.results.webhook.domain.WebhookSignature;
import io.hitorflop.results.webhook.persistence.DueWebhook;
import io.hitorflop.results.webhook.persistence.WebhookOutbox;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.EgressPolicy;
import io.hitorflop.security.egress.ForbiddenDestinationException;
import io.hitorflop.security.egress.GuardedHttpClient;
import io.hitorflop.security.egress.GuardedResponse;
import io.hitorflop.service.config.SecurityConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts the webhooks of ended jobs from the outbox (Standard Webhooks: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}). Each webhook is claimed alone, with
 * {@code SKIP LOCKED} and a lease, so replicas share the work and never post one webhook at the
 * same time; the attempt runs outside any transaction and its result is recorded in a second one.
 * Every attempt goes through the SSRF guard again: the address is resolved and checked now, not
 * trusted from submission time.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final String USER_AGENT = "HitOrFlop-Webhooks/1.0";

    private final WebhookOutbox outbox;
    private final JobStore jobs;
    private final ExplanationStore explanations;
    private final ObjectMapper json;
    private final ServiceLifecycle lifecycle;
    private final MeterRegistry registry;
    private final ResultsConfig.Webhooks config;
    private final Optional<WebhookSignature> signature;
    private final WebhookRetryPolicy policy;
    private final GuardedHttpClient client;
    private final Duration lease;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();

    WebhookSender(WebhookOutbox outbox, JobStore jobs, ExplanationStore explanations, ObjectMapper json,
                  ServiceLifecycle lifecycle, MeterRegistry registry, ResultsConfig results, SecurityConfig security) {
        this.outbox = outbox;
        this.jobs = jobs;
        this.explanations = explanations;
        this.json = json;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.config = results.webhooks();
        this.signature = config.secret().filter(secret -> !secret.isBlank()).map(WebhookSignature::new);
        this.policy = new WebhookRetryPolicy(
                new RetrySchedule(config.initialDelay(), config.maxDelay(), new SecureRandom()),
                config.maxAttempts(), config.retryAfterLimit());
        // One third of the time to connect, the rest for the answer's headers: an attempt ends within the timeout.
        Duration connectTimeout = config.timeout().dividedBy(3);
        this.client = new GuardedHttpClient(
                new EgressGuard(EgressPolicy.allowing(security.egress().allowList().orElse(List.of()))),
                new GuardedHttpClient.Settings(connectTimeout, config.timeout().minus(connectTimeout), 0, USER_AGENT));
        // Long enough for the attempt and its recording; a replica that dies mid-attempt frees the webhook after it.
        this.lease = config.timeout().multipliedBy(2).plusSeconds(30);
        this.workers = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent start) {
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts(outcome);
        }
        if (signature.isEmpty()) {
            LOG.warn("webhooks are NOT sent: hitorflop.results.webhooks.secret is not set; they wait in the outbox"
                    + " until a secret is configured");
        }
    }

    /**
     * Starts one more sender unless {@code concurrency} are already at work; a sender posts due
     * webhooks one claim at a time until none is due or it sent {@code batch-size}. Senders run on
     * their own threads, so a receiver that times out holds up only the sender posting to it.
     */
    @Scheduled(every = "${hitorflop.results.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (signature.isEmpty() || lifecycle.stopping()) {
            return;
        }
        if (running.incrementAndGet() > config.concurrency()) {
            running.decrementAndGet();
            return;
        }
        workers.execute(() -> {
            try {
                sendBatch();
            } catch (RuntimeException failed) {
                LOG.error("sending webhooks failed; due ones are tried again at the next poll", failed);
            } finally {
                running.decrementAndGet();
            }
        });
    }

    private void sendBatch() {
        for (int sent = 0; sent < config.batchSize() && !lifecycle.stopping(); sent++) {
            Optional<DueWebhook> due = claimNext();
            if (due.isEmpty()) {
                return;
            }
            attempt(due.get());
        }
    }

    private Optional<DueWebhook> claimNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            return outbox.claimDue(now, now.plus(lease), 1).stream().findFirst().map(this::withPayload);
        });
    }

    /** The body is the job as {@code GET /v1/jobs/{id}} shows it when first sent; retries send the same bytes. */
    private DueWebhook withPayload(DueWebhook due) {
        if (due.payload() != null) {
            return due;
        }
        String payload = jobs.find(due.jobId())
                .map(job -> JobView.of(job, explanations.find(job.id()))).map(this::toJson)
                .orElseThrow(() -> new IllegalStateException("webhook " + due.webhookId() + " has no job"));
        outbox.fixPayload(due.webhookId(), payload);
        return new DueWebhook(due.webhookId(), due.jobId(), due.url(), due.attempt(), payload);
    }

    private void attempt(DueWebhook due) {
        // A batch's webhook (body fixed when the batch completed) has no job.
        MDC.put("jobId", due.jobId() == null ? "" : due.jobId().toString());
        try {
            Instant started = clock.instant();
            long startedNanos = System.nanoTime();
            byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
            String webhookId = due.webhookId().toString();
            long timestamp = started.getEpochSecond();
            Map<String, String> headers = Map.of(
                    "webhook-id", webhookId,
                    "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", signature.orElseThrow().sign(webhookId, timestamp, body));
            Integer status = null;
            String retryAfter = null;
            String error = null;
            try (GuardedResponse response = client.post(due.url(), headers, body, "application/json")) {
                status = response.status();
                // Only the status and Retry-After count; the body is not read (closing drops the connection).
                retryAfter = response.header("Retry-After").orElse(null);
            } catch (ForbiddenDestinationException forbidden) {
                error = "refused by the SSRF guard: " + forbidden.getMessage();
            } catch (IOException failed) {
                error = failed.getClass().getSimpleName() + (failed.getMessage() == null ? "" : ": " + failed.getMessage());
            }
            long durationMs = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
            WebhookRetryPolicy.Decision decision = policy.judge(due.attempt(), status, retryAfter, clock.instant());
            WebhookDelivery.Attempt attempt = new WebhookDelivery.Attempt(due.attempt(), started, durationMs, status,
                    error, decision.outcome(), decision.nextAttemptAt());
            boolean recorded = QuarkusTransaction.requiringNew().call(() -> outbox.record(due.webhookId(), attempt));
            if (recorded) {
                attempts(decision.outcome()).increment();
                LOG.infof("webhook %s attempt %d to %s: %s -> %s%s", webhookId, due.attempt(), due.url(),
                        status != null ? "HTTP " + status : error, decision.outcome(),
                        decision.nextAttemptAt() != null ? " (next at " + decision.nextAttemptAt() + ")" : "");
            } else {
                LOG.warnf("webhook %s attempt %d was already recorded by another replica", webhookId, due.attempt());
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private String toJson(JobView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job " + view.id() + " as JSON", e);
        }
    }

    private Counter attempts(AttemptOutcome outcome) {
        return registry.counter("hitorflop.webhook.attempts", "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }

    @PreDestroy
    void close() throws IOException {
        workers.shutdownNow();
        client.close();
    }
}
