package io.hitorflop.results.job.domain;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.events.Verdict;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the results service knows about one job. Only {@link JobStateMachine} changes it; the
 * {@code restore*} methods rebuild it from storage.
 */
public final class Job {

    private final UUID id;
    /** Null until the first event of the job has been applied. */
    private JobStatus status;
    private Instant statusSince;
    private Instant createdAt;
    private Instant updatedAt;
    private JobSource source;
    private String featureSet;
    private String sourceName;
    /** Id of the API key that submitted the job; null when access control was off. */
    private String owner;
    /** Where the job is posted once it ends; null for none. */
    private String webhookUrl;
    private final EnumMap<JobStatus, Instant> transitions = new EnumMap<>(JobStatus.class);
    private Map<String, Double> features;
    private Map<String, Double> descriptors;
    private SpectralDna dna;
    private Verdict verdict;
    private String modelVersion;
    private Failure failure;

    public Job(UUID id) {
        this.id = id;
    }

    public void restoreState(JobStatus status, Instant statusSince, Instant createdAt, Instant updatedAt) {
        this.status = status;
        this.statusSince = statusSince;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public void restoreOrigin(JobSource source, String featureSet, String sourceName, String owner,
                              String webhookUrl) {
        this.source = source;
        this.featureSet = featureSet;
        this.sourceName = sourceName;
        this.owner = owner;
        this.webhookUrl = webhookUrl;
    }

    public void restoreTransition(JobStatus status, Instant at) {
        transitions.put(status, at);
    }

    public void restoreResults(Map<String, Double> features, Map<String, Double> descriptors, SpectralDna dna,
                               Verdict verdict, String modelVersion, Failure failure) {
        this.features = features;
        this.descriptors = descriptors;
        this.dna = dna;
        this.verdict = verdict;
        this.modelVersion = modelVersion;
        this.failure = failure;
    }

    public UUID id() {
        return id;
    }

    public JobStatus status() {
        return status;
    }

    public Instant statusSince() {
        return statusSince;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public JobSource source() {
        return source;
    }

    public String featureSet() {
        return featureSet;
    }

    public String sourceName() {
        return sourceName;
    }

    public String owner() {
        return owner;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    /** When each reached state was entered, in state order. */
    public Map<JobStatus, Instant> transitions() {
        return Collections.unmodifiableMap(transitions);
    }

    public Map<String, Double> features() {
        return features;
    }

    public Map<String, Double> descriptors() {
        return descriptors;
    }

    public SpectralDna dna() {
        return dna;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The verdict as the API shows it: only on a DONE job, as one can arrive before its features. */
    public Verdict publishedVerdict() {
        return status == JobStatus.DONE ? verdict : null;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public Failure failure() {
        return failure;
    }

    /** Failed by this service's sweeper, not by the pipeline: a late verdict still makes it DONE. */
    public boolean timedOut() {
        return status == JobStatus.FAILED && failure != null && ProblemType.TIMED_OUT.uri().equals(failure.type());
    }

    // Changes, for JobStateMachine only.

    void fillOrigin(JobSource source, String featureSet, String sourceName, String owner, String webhookUrl) {
        if (this.source == null) {
            this.source = source;
        }
        fillFeatureSet(featureSet);
        if (this.sourceName == null) {
            this.sourceName = sourceName;
        }
        if (this.owner == null) {
            this.owner = owner;
        }
        if (this.webhookUrl == null) {
            this.webhookUrl = webhookUrl;
        }
    }

    void fillFeatureSet(String featureSet) {
        if (this.featureSet == null) {
            this.featureSet = featureSet;
        }
    }

    void fillFeatures(Map<String, Double> features, Map<String, Double> descriptors, SpectralDna dna) {
        if (this.features == null) {
            this.features = features;
            this.descriptors = descriptors;
            this.dna = dna;
        }
    }

    void fillVerdict(Verdict verdict, String modelVersion) {
        if (this.verdict == null) {
            this.verdict = verdict;
            this.modelVersion = modelVersion;
        }
    }

    void fillFailure(Failure failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    void clearFailure() {
        this.failure = null;
    }

    void addTransition(JobStatus status, Instant at) {
        transitions.put(status, at);
        if (createdAt == null || at.isBefore(createdAt)) {
            createdAt = at;
        }
    }

    void moveTo(JobStatus status, Instant since) {
        this.status = status;
        this.statusSince = since;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }
}
