package io.hitorflop.ingest.messaging;

import io.hitorflop.contract.events.JobEvent;

/** The broker did not acknowledge an event in time, so the job is not queued. */
public class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(JobEvent event, String topic, Throwable cause) {
        super("the broker did not acknowledge " + event.getClass().getSimpleName() + " of job " + event.jobId()
                + " on " + topic + ": " + cause.getMessage(), cause);
    }
}
