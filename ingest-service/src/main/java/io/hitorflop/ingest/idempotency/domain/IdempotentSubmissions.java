package io.hitorflop.ingest.idempotency.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.ingest.config.IdempotencyConfig;
import io.hitorflop.ingest.idempotency.persistence.IdempotencyRecord;
import io.hitorflop.ingest.idempotency.persistence.IdempotencyStore;
import io.hitorflop.ingest.submission.domain.AcceptedJob;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Idempotency-Key semantics of the IETF httpapi draft (draft-ietf-httpapi-idempotency-key-header):
 * the first request with a key is processed and its 202 answer remembered; a repeat with the same
 * payload (same SHA-256 fingerprint) gets that answer again and creates nothing; a repeat with
 * another payload is 422; a repeat while the first is still running is 409. Keys are scoped per
 * API key and expire after {@code hitorflop.idempotency.expiry}. A request that fails is
 * forgotten, so the client can retry it with the same key (it had no effect).
 */
@ApplicationScoped
public class IdempotentSubmissions {

    /** A submission that can be run once; its answer is remembered as JSON. */
    @FunctionalInterface
    public interface Submission<T> {
        T submit() throws Exception;
    }

    /** The answer, and whether it is a replay of an earlier request's. */
    public record Outcome<T>(T answer, boolean replayed) {
    }

    private static final Logger LOG = Logger.getLogger(IdempotentSubmissions.class);

    private final IdempotencyStore store;
    private final IdempotencyConfig config;
    private final ObjectMapper json;

    IdempotentSubmissions(IdempotencyStore store, IdempotencyConfig config, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    /**
     * Runs {@code submission} unless {@code key} was seen for {@code owner} (null: access control off).
     *
     * @param fingerprint SHA-256 hex of the payload
     */
    public Outcome<AcceptedJob> submit(String owner, String key, String fingerprint, Submission<AcceptedJob> submission)
            throws Exception {
        return submit(owner, key, fingerprint, AcceptedJob.class, submission);
    }

    /**
     * As {@link #submit(String, String, String, Submission)} for any answer type (a job, a batch);
     * fingerprints of different kinds of submission must differ, as the answer is read back as {@code answerType}.
     */
    public <T> Outcome<T> submit(String owner, String key, String fingerprint, Class<T> answerType,
                                 Submission<T> submission) throws Exception {
        String scope = owner == null ? "" : owner;
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (store.claim(scope, key, fingerprint, now, now.plus(config.expiry()))) {
                return new Outcome<>(runClaimed(scope, key, now, submission), false);
            }
            Optional<IdempotencyRecord> existing = store.find(scope, key);
            if (existing.isEmpty()) {
                continue;
            }
            IdempotencyRecord record = existing.get();
            if (record.expiresAt.isBefore(now) || abandoned(record, now)) {
                store.release(scope, key, record.state, record.createdAt);
                continue;
            }
            if (!record.requestHash.equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(key);
            }
            if (IdempotencyRecord.IN_PROGRESS.equals(record.state)) {
                throw new IdempotencyKeyInProgressException(key);
            }
            return new Outcome<>(json.readValue(record.responseBody, answerType), true);
        }
        throw new IdempotencyKeyInProgressException(key);
    }

    private <T> T runClaimed(String scope, String key, Instant claimedAt, Submission<T> submission) throws Exception {
        T answer;
        try {
            answer = submission.submit();
        } catch (Exception | Error failed) {
            store.release(scope, key, IdempotencyRecord.IN_PROGRESS, claimedAt);
            throw failed;
        }
        try {
            store.complete(scope, key, json.writeValueAsString(answer));
        } catch (JsonProcessingException | RuntimeException notRemembered) {
            // The work is queued; answering 202 is right even if a repeat would now create it again.
            LOG.errorf(notRemembered, "%s was queued but its Idempotency-Key could not be completed", answer);
        }
        return answer;
    }

    private boolean abandoned(IdempotencyRecord record, Instant now) {
        return IdempotencyRecord.IN_PROGRESS.equals(record.state)
                && record.createdAt.plus(config.abandonedAfter()).isBefore(now);
    }

    @Scheduled(every = "${hitorflop.idempotency.purge-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        long purged = store.purgeExpired(Instant.now());
        if (purged > 0) {
            LOG.infof("purged %d expired Idempotency-Key record(s)", purged);
        }
    }
}
