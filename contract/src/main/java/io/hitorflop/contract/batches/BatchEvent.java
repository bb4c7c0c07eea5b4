package io.hitorflop.contract.batches;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * What is said about a catalogue batch on {@link io.hitorflop.contract.Topics#BATCHES}; the
 * {@code type} property names the record, so one topic carries all three. {@code batchId} is
 * also the Kafka record key, so the events of one batch are read in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(BatchAccepted.class), @JsonSubTypes.Type(BatchRowsRejected.class),
        @JsonSubTypes.Type(BatchCompleted.class)})
public sealed interface BatchEvent permits BatchAccepted, BatchRowsRejected, BatchCompleted {

    int SCHEMA_VERSION = 1;

    int schemaVersion();

    UUID eventId();

    UUID batchId();

    Instant occurredAt();
}
