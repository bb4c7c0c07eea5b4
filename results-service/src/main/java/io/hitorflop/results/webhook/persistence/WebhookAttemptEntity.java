package io.hitorflop.results.webhook.persistence;

import io.hitorflop.results.webhook.domain.AttemptOutcome;
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

/** Row of {@code webhook_attempt}. */
@Entity
@Table(name = "webhook_attempt")
@IdClass(WebhookAttemptEntity.Key.class)
public class WebhookAttemptEntity extends PanacheEntityBase {

    @Id
    @Column(name = "webhook_id")
    public UUID webhookId;

    @Id
    public int attempt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "duration_ms")
    public long durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    @Enumerated(EnumType.STRING)
    public AttemptOutcome outcome;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Primary key: webhook and attempt number. */
    public static class Key implements Serializable {

        public UUID webhookId;
        public int attempt;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && attempt == key.attempt && Objects.equals(webhookId, key.webhookId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(webhookId, attempt);
        }
    }
}
