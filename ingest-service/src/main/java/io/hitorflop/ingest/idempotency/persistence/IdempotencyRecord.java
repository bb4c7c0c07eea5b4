package io.hitorflop.ingest.idempotency.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One remembered Idempotency-Key (table {@code ingest.idempotency_key}). */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    @Embeddable
    public static class Id implements Serializable {
        @Column(name = "owner")
        public String owner;
        @Column(name = "idempotency_key")
        public String key;

        public Id() {
        }

        public Id(String owner, String key) {
            this.owner = owner;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && owner.equals(id.owner) && key.equals(id.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, key);
        }
    }

    @EmbeddedId
    public Id id;

    @Column(name = "request_hash")
    public String requestHash;

    public String state;

    @Column(name = "response_body")
    public String responseBody;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
