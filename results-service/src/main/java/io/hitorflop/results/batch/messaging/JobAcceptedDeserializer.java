package io.hitorflop.results.batch.messaging;

import io.hitorflop.contract.events.JobAccepted;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@code JobAccepted} for the batch-row consumer (the job consumers read text and parse it themselves). */
public class JobAcceptedDeserializer extends ObjectMapperDeserializer<JobAccepted> {

    public JobAcceptedDeserializer() {
        super(JobAccepted.class);
    }
}
