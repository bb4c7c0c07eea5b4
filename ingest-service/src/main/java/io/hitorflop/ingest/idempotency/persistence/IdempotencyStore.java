package io.hitorflop.ingest.idempotency.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Optional;

/**
 * The idempotency table. Every method is its own transaction: the claim must be visible to other
 * replicas before the job is published, and the answer stored once it was.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final EntityManager entities;

    IdempotencyStore(EntityManager entities) {
        this.entities = entities;
    }

    /**
     * Inserts an IN_PROGRESS record unless one exists for the owner and key; true when this call
     * inserted it. {@code INSERT ... ON CONFLICT DO NOTHING} makes the claim atomic across replicas.
     */
    public boolean claim(String owner, String key, String requestHash, Instant now, Instant expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery("""
                        insert into ingest.idempotency_key (owner, idempotency_key, request_hash, state, created_at, expires_at)
                        values (:owner, :key, :hash, :state, :now, :expires)
                        on conflict (owner, idempotency_key) do nothing""")
                .setParameter("owner", owner)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("state", IdempotencyRecord.IN_PROGRESS)
                .setParameter("now", now)
                .setParameter("expires", expiresAt)
                .executeUpdate() == 1);
    }

    public Optional<IdempotencyRecord> find(String owner, String key) {
        return QuarkusTransaction.requiringNew().call(() ->
                IdempotencyRecord.<IdempotencyRecord>findByIdOptional(new IdempotencyRecord.Id(owner, key)));
    }

    public void complete(String owner, String key, String responseBody) {
        QuarkusTransaction.requiringNew().run(() -> {
            IdempotencyRecord record = IdempotencyRecord.findById(new IdempotencyRecord.Id(owner, key));
            record.state = IdempotencyRecord.COMPLETED;
            record.responseBody = responseBody;
        });
    }

    /** Forgets a claim whose request failed, or that expired or was abandoned, so the key can be used again. */
    public void release(String owner, String key, String expectedState, Instant createdAt) {
        QuarkusTransaction.requiringNew().run(() -> entities.createQuery("""
                        delete from IdempotencyRecord r
                        where r.id.owner = :owner and r.id.key = :key and r.state = :state and r.createdAt = :created""")
                .setParameter("owner", owner)
                .setParameter("key", key)
                .setParameter("state", expectedState)
                .setParameter("created", createdAt)
                .executeUpdate());
    }

    /** Deletes records expired before {@code now}; returns how many. */
    public long purgeExpired(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> IdempotencyRecord.delete("expiresAt < ?1", now));
    }
}
