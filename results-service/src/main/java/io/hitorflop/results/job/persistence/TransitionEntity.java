package io.hitorflop.results.job.persistence;

import io.hitorflop.contract.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Row of {@code job_transition}: a state a job reached, unique per (job, state), with its
 * position in the order this service recorded the job's states (1, 2, ...).
 */
@Entity
@Table(name = "job_transition")
@IdClass(TransitionEntity.Key.class)
public class TransitionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    @Enumerated(EnumType.STRING)
    public JobStatus status;

    public Instant at;

    public int position;

    /** Composite key (job, state). */
    public static class Key implements Serializable {
        public UUID jobId;
        public JobStatus status;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(jobId, key.jobId) && status == key.status;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, status);
        }
    }
}
