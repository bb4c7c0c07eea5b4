package io.hitorflop.ingest.submission.messaging;

import io.hitorflop.contract.events.JobEvent;

import java.util.List;
import java.util.stream.Collectors;

/** The broker did not commit a job's events in time, so none of them is visible and the job is not queued. */
public class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(List<JobEvent> events, Throwable cause) {
        super("the broker did not commit " + events.stream().map(event -> event.getClass().getSimpleName())
                .collect(Collectors.joining(" + ")) + " of job " + events.get(0).jobId() + ": " + cause, cause);
    }
}
