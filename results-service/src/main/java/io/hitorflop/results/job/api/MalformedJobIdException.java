package io.hitorflop.results.job.api;

/** The path's job id is not a UUID (answered as a 400 {@code invalid-job-id}). */
public class MalformedJobIdException extends RuntimeException {

    MalformedJobIdException(String id) {
        super("'" + id + "' is not a job id (a UUID such as 3f1c2a9e-5b7d-4c1e-9f00-1a2b3c4d5e6f)");
    }
}
