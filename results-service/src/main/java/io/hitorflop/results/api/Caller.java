package io.hitorflop.results.api;

import io.hitorflop.results.domain.Job;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who makes the current request: the id of its API key, set by {@link ApiKeyFilter}; null when
 * API keys are disabled, and then every job is visible.
 */
@RequestScoped
public class Caller {

    private String keyId;

    void identify(String keyId) {
        this.keyId = keyId;
    }

    /** The owner whose jobs this caller sees; null for all jobs. */
    String owner() {
        return keyId;
    }

    /** A job is visible only to the key that submitted it (when access control is on). */
    boolean maySee(Job job) {
        return keyId == null || keyId.equals(job.owner());
    }
}
