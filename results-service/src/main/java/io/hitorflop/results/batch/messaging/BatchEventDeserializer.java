package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.batches.BatchEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads the batch events of {@code hitorflop.batches} (the {@code type} property picks the record). */
public class BatchEventDeserializer extends ObjectMapperDeserializer<BatchEvent> {

    public BatchEventDeserializer() {
        super(BatchEvent.class);
    }
}
