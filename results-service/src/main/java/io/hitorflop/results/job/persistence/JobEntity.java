package io.hitorflop.results.job.persistence;

import io.hitorflop.contract.JobStatus;
import io.hitorflop.contract.events.JobSource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code job}; the JSON columns hold the contract records as written by Jackson. */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    @Column(name = "status_since")
    public Instant statusSince;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Enumerated(EnumType.STRING)
    public JobSource source;

    @Column(name = "feature_set")
    public String featureSet;

    @Column(name = "source_name")
    public String sourceName;

    /** Id of the API key that submitted the job; null when access control was off. */
    public String owner;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @ColumnTransformer(write = "?::jsonb")
    public String features;

    @ColumnTransformer(write = "?::jsonb")
    public String descriptors;

    @ColumnTransformer(write = "?::jsonb")
    public String dna;

    @ColumnTransformer(write = "?::jsonb")
    public String verdict;

    @Column(name = "model_version")
    public String modelVersion;

    @Column(name = "failure_type")
    public String failureType;

    @Column(name = "failure_detail")
    public String failureDetail;

    @Column(name = "failure_stage")
    public String failureStage;
}
