package io.hitorflop.ingest.batch.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * The batches of each API key that are not yet complete (table {@code ingest.running_batch}; the
 * native SQL names the schema: results-service has a {@code batch} table of its own in the shared
 * database's default schema). A
 * reservation counts and inserts under a PostgreSQL advisory lock per owner, so two requests of
 * one key arriving together (at one replica or at two) cannot both take the last slot.
 */
@ApplicationScoped
public class RunningBatches {

    private final EntityManager entityManager;

    RunningBatches(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records batch {@code batchId} of {@code owner} (null: access control off) as running, unless
     * the owner already has {@code limit} batches running that started after {@code countedSince}.
     *
     * @return false when the owner has no free slot
     */
    @Transactional
    public boolean reserve(UUID batchId, String owner, Instant now, int limit, Instant countedSince) {
        String scope = owner == null ? "" : owner;
        entityManager.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(?1)) as text)")
                .setParameter(1, "batch:" + scope)
                .getSingleResult();
        long running = ((Number) entityManager.createNativeQuery("select count(*) from ingest.running_batch "
                        + "where owner = ?1 and completed_at is null and created_at > ?2")
                .setParameter(1, scope)
                .setParameter(2, countedSince)
                .getSingleResult()).longValue();
        if (running >= limit) {
            return false;
        }
        entityManager.createNativeQuery("insert into ingest.running_batch (id, owner, created_at) values (?1, ?2, ?3)")
                .setParameter(1, batchId)
                .setParameter(2, scope)
                .setParameter(3, now)
                .executeUpdate();
        return true;
    }

    /** Frees the slot of a batch of which nothing was published. */
    @Transactional
    public void release(UUID batchId) {
        entityManager.createNativeQuery("delete from ingest.running_batch where id = ?1").setParameter(1, batchId).executeUpdate();
    }

    /** The batch no longer counts as running; a repeated report changes nothing. */
    @Transactional
    public void completed(UUID batchId, Instant at) {
        entityManager.createNativeQuery("update ingest.running_batch set completed_at = ?2 where id = ?1 and completed_at is null")
                .setParameter(1, batchId)
                .setParameter(2, at)
                .executeUpdate();
    }
}
