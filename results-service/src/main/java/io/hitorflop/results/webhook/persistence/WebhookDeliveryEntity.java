package io.hitorflop.results.webhook.persistence;

import io.hitorflop.results.webhook.domain.DeliveryState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code webhook_delivery}, the webhook outbox. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity extends PanacheEntityBase {

    @Id
    @Column(name = "webhook_id")
    public UUID webhookId;

    @Column(name = "job_id")
    public UUID jobId;

    public String url;

    @Enumerated(EnumType.STRING)
    public DeliveryState state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public int attempts;

    public String payload;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
