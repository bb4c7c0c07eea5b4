package io.hitorflop.results.job.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.results.job.domain.Failure;
import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.domain.JobChange;
import io.hitorflop.results.job.domain.JobScope;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Jobs in PostgreSQL. The mutating methods expect a transaction opened by the caller. */
@ApplicationScoped
public class JobStore {

    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    JobStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Records that an event was applied; false when it already was (a redelivery). */
    public boolean markProcessed(UUID eventId, UUID jobId, Instant now) {
        return entityManager.createNativeQuery(
                        "insert into processed_event (event_id, job_id, processed_at) values (?1, ?2, ?3) "
                                + "on conflict (event_id) do nothing")
                .setParameter(1, eventId)
                .setParameter(2, jobId)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }

    /**
     * Records a batch's events as applied, in one statement; returns the ids of those not applied
     * before (a redelivered event, or the same event twice in the batch, is left out).
     */
    public Set<UUID> markAllProcessed(Map<UUID, UUID> jobIdByEventId, Instant now) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into processed_event "
                    + "(event_id, job_id, processed_at) select event_id, job_id, ? "
                    + "from unnest(?, ?) as event(event_id, job_id) on conflict (event_id) do nothing returning event_id")) {
                insert.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("uuid", jobIdByEventId.keySet().toArray()));
                insert.setArray(3, connection.createArrayOf("uuid", jobIdByEventId.values().toArray()));
                Set<UUID> firstTime = new HashSet<>();
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        firstTime.add(inserted.getObject(1, UUID.class));
                    }
                }
                return firstTime;
            }
        });
    }

    /** Deletes the records of events applied before {@code cutoff}; returns how many. */
    public int forgetEventsProcessedBefore(Instant cutoff) {
        return entityManager.createNativeQuery("delete from processed_event where processed_at < ?1")
                .setParameter(1, cutoff)
                .executeUpdate();
    }

    /**
     * The job, read under a per-job transaction lock so that events of one job arriving on several
     * topics at once are applied one after the other; a job never seen before comes back empty.
     * The lock is an advisory lock because the job's row may not exist yet.
     */
    public Job lock(UUID jobId) {
        advisoryLock(lockKey(jobId));
        return find(jobId).orElseGet(() -> withPendingVerdict(new Job(jobId)));
    }

    /**
     * The jobs, each read under its lock as by {@link #lock}, for a batch of events in one
     * transaction. The locks are taken in ascending key order, the same order in every batch, so
     * two batches of different topics sharing jobs wait for each other instead of deadlocking;
     * the jobs and their transitions are read with one query each.
     */
    public Map<UUID, Job> lockAll(Collection<UUID> jobIds) {
        advisoryLocks(jobIds.stream().mapToLong(JobStore::lockKey).distinct().sorted().toArray());
        Map<UUID, Job> jobs = new HashMap<>();
        List<UUID> ids = List.copyOf(jobIds);
        Map<UUID, List<TransitionEntity>> transitions = new HashMap<>();
        TransitionEntity.<TransitionEntity>list("jobId in ?1", ids)
                .forEach(row -> transitions.computeIfAbsent(row.jobId, id -> new ArrayList<>()).add(row));
        JobEntity.<JobEntity>list("id in ?1", ids)
                .forEach(row -> jobs.put(row.id, toJob(row, transitions.getOrDefault(row.id, List.of()))));
        List<UUID> unknown = ids.stream().filter(id -> !jobs.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            Map<UUID, Object[]> pending = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select job_id, feature_set, model_version, "
                            + "cast(verdict as text) from pending_verdict where job_id in (?1)")
                    .setParameter(1, unknown)
                    .getResultList();
            rows.forEach(row -> pending.put((UUID) row[0], row));
            unknown.forEach(id -> jobs.put(id, withVerdict(new Job(id), pending.get(id))));
        }
        return jobs;
    }

    private static long lockKey(UUID jobId) {
        return jobId.getMostSignificantBits() ^ jobId.getLeastSignificantBits();
    }

    /**
     * Takes the locks in the keys' order in one statement: the sub-select's ORDER BY is kept (a
     * sub-select with one is not flattened) and the aggregate consumes its rows in that order.
     */
    private void advisoryLocks(long[] ascendingKeys) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select count(pg_advisory_xact_lock(key)) "
                    + "from (select key from unnest(?) as key order by key) as ordered")) {
                lock.setArray(1, connection.createArrayOf("bigint",
                        Arrays.stream(ascendingKeys).boxed().toArray()));
                lock.executeQuery().close();
            }
        });
    }

    private void advisoryLock(long key) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, key)
                .getSingleResult();
    }

    private Job withPendingVerdict(Job job) {
        @SuppressWarnings("unchecked")
        Optional<Object[]> pending = entityManager.createNativeQuery("select job_id, feature_set, model_version, "
                        + "cast(verdict as text) from pending_verdict where job_id = ?1")
                .setParameter(1, job.id())
                .getResultStream()
                .findFirst();
        return withVerdict(job, pending.orElse(null));
    }

    /** {@code pending}: a pending_verdict row (job_id, feature_set, model_version, verdict), or null. */
    private Job withVerdict(Job job, Object[] pending) {
        if (pending != null) {
            job.restoreOrigin(null, (String) pending[1], null, null, null);
            job.restoreResults(null, null, null, read((String) pending[3], Verdict.class), (String) pending[2], null);
        }
        return job;
    }

    public Optional<Job> find(UUID jobId) {
        return JobEntity.<JobEntity>findByIdOptional(jobId).map(this::toJob);
    }

    /**
     * Writes the job's current state and the transitions the change added; a job that has reached
     * no state yet (only its verdict is known) is kept as a pending verdict until it does.
     */
    public void save(Job job, JobChange change) {
        if (job.status() == null) {
            keepPendingVerdict(job);
            return;
        }
        JobEntity row = JobEntity.findById(job.id());
        boolean isNew = row == null;
        if (isNew) {
            row = new JobEntity();
            row.id = job.id();
            // A new job can hold a verdict only if it came from pending_verdict: it moves into the row.
            if (job.verdict() != null) {
                entityManager.createNativeQuery("delete from pending_verdict where job_id = ?1")
                        .setParameter(1, job.id())
                        .executeUpdate();
            }
        }
        row.status = job.status();
        row.statusSince = job.statusSince();
        row.createdAt = job.createdAt();
        row.updatedAt = job.updatedAt();
        row.source = job.source();
        row.featureSet = job.featureSet();
        row.sourceName = job.sourceName();
        row.owner = job.owner();
        row.webhookUrl = job.webhookUrl();
        row.features = write(job.features());
        row.descriptors = write(job.descriptors());
        row.dna = write(job.dna());
        row.verdict = write(job.verdict());
        row.modelVersion = job.modelVersion();
        Failure failure = job.failure();
        row.failureType = failure == null ? null : failure.type();
        row.failureDetail = failure == null ? null : failure.detail();
        row.failureStage = failure == null ? null : failure.stage();
        if (isNew) {
            row.persist();
        }
        int position = job.transitions().size() - change.newTransitions().size();
        for (Map.Entry<JobStatus, Instant> reached : change.newTransitions().entrySet()) {
            TransitionEntity transition = new TransitionEntity();
            transition.jobId = job.id();
            transition.status = reached.getKey();
            transition.at = reached.getValue();
            transition.position = ++position;
            transition.persist();
        }
    }

    private void keepPendingVerdict(Job job) {
        if (job.verdict() == null) {
            throw new IllegalStateException("job " + job.id() + " has neither a state nor a verdict to keep");
        }
        entityManager.createNativeQuery("insert into pending_verdict "
                        + "(job_id, feature_set, model_version, verdict, received_at) "
                        + "values (?1, ?2, ?3, cast(?4 as jsonb), ?5) on conflict (job_id) do nothing")
                .setParameter(1, job.id())
                .setParameter(2, job.featureSet())
                .setParameter(3, job.modelVersion())
                .setParameter(4, write(job.verdict()))
                .setParameter(5, job.updatedAt())
                .executeUpdate();
    }

    /** The job's states in the order they were recorded (not necessarily the state order). */
    public List<RecordedTransition> transitionsInRecordingOrder(UUID jobId) {
        return TransitionEntity.<TransitionEntity>find("jobId", Sort.ascending("position"), jobId).stream()
                .map(row -> new RecordedTransition(row.position, row.status, row.at))
                .toList();
    }

    /** How many states each of {@code jobIds} has recorded; a job with none is left out. */
    public Map<UUID, Integer> transitionCounts(Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Integer> counts = new HashMap<>();
        entityManager.createQuery("select t.jobId, count(t) from TransitionEntity t where t.jobId in :ids "
                        + "group by t.jobId", Object[].class)
                .setParameter("ids", jobIds)
                .getResultStream()
                .forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).intValue()));
        return counts;
    }

    /** Jobs in {@code scope} and {@code status} ({@code null}: any), newest first. */
    public JobPage list(JobScope scope, JobStatus status, int pageIndex, int pageSize) {
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            conditions.add("status = :status");
            parameters.and("status", status);
        }
        if (scope instanceof JobScope.OwnedBy owned) {
            conditions.add("owner = :owner");
            parameters.and("owner", owned.owner());
        }
        var query = conditions.isEmpty()
                ? JobEntity.<JobEntity>findAll(newestFirst)
                : JobEntity.<JobEntity>find(String.join(" and ", conditions), newestFirst, parameters);
        List<Job> jobs = query.page(Page.of(pageIndex, pageSize)).list().stream().map(this::toJob).toList();
        return new JobPage(jobs, query.count());
    }

    /** Up to {@code limit} jobs that entered {@code status} before {@code cutoff}, oldest first. */
    public List<UUID> enteredBefore(JobStatus status, Instant cutoff, int limit) {
        return JobEntity.<JobEntity>find("status = :status and statusSince < :cutoff", Sort.ascending("statusSince"),
                        Parameters.with("status", status).and("cutoff", cutoff))
                .page(Page.ofSize(limit)).list().stream()
                .map(row -> row.id)
                .toList();
    }

    private Job toJob(JobEntity row) {
        return toJob(row, TransitionEntity.list("jobId", row.id));
    }

    private Job toJob(JobEntity row, List<TransitionEntity> transitions) {
        Job job = new Job(row.id);
        job.restoreState(row.status, row.statusSince, row.createdAt, row.updatedAt);
        job.restoreOrigin(row.source, row.featureSet, row.sourceName, row.owner, row.webhookUrl);
        transitions.forEach(transition -> job.restoreTransition(transition.status, transition.at));
        Failure failure = row.failureType == null ? null
                : new Failure(row.failureType, row.failureDetail, row.failureStage);
        job.restoreResults(read(row.features, NUMBERS), read(row.descriptors, NUMBERS),
                read(row.dna, SpectralDna.class), read(row.verdict, Verdict.class), row.modelVersion, failure);
        return job;
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }
}
