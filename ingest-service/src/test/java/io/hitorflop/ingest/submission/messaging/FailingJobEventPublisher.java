package io.hitorflop.ingest.submission.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real publisher, except that once a test has let {@link #CALLS_BEFORE_FAILURE} calls of
 * {@link #publish} through, every further one fails as a broker that went away does. Enabled only
 * by the test profiles that name it. A singleton: a normal-scoped subclass would need a no-argument
 * constructor for its client proxy, which the publisher has not.
 */
@Alternative
@Singleton
public class FailingJobEventPublisher extends JobEventPublisher {

    /** Calls that still publish; unlimited unless a test sets it. */
    public static final AtomicInteger CALLS_BEFORE_FAILURE = new AtomicInteger(Integer.MAX_VALUE);

    @Inject
    FailingJobEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json,
                             IngestConfig config, MeterRegistry meters) {
        super(kafka, json, config, meters);
    }

    @Override
    public void publish(JobEvent... events) {
        if (CALLS_BEFORE_FAILURE.getAndDecrement() <= 0) {
            throw new EventNotPublishedException(java.util.List.of(events), new IllegalStateException("the broker went away (test)"));
        }
        super.publish(events);
    }
}
