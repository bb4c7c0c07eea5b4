package io.hitorflop.results.job.api;

import java.util.UUID;

/** No job has this id (answered as a 404 {@code job-not-found}). */
public class JobNotFoundException extends RuntimeException {

    JobNotFoundException(UUID id) {
        super("no job with id " + id);
    }
}
