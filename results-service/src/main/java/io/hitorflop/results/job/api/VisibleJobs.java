package io.hitorflop.results.job.api;

import io.hitorflop.results.job.domain.Job;
import io.hitorflop.results.job.domain.JobScope;
import io.hitorflop.results.job.persistence.JobStore;
import io.hitorflop.service.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The jobs the current caller may see: every job in the anonymous local mode, else those of its API key. */
@ApplicationScoped
public class VisibleJobs {

    private final JobStore store;
    private final CurrentCaller caller;

    VisibleJobs(JobStore store, CurrentCaller caller) {
        this.store = store;
        this.caller = caller;
    }

    /** What the caller may see. */
    public JobScope scope() {
        return JobScope.of(caller.get());
    }

    /**
     * The job with id {@code id} as sent in the path.
     *
     * @throws MalformedJobIdException when {@code id} is not a UUID in its canonical spelling
     * @throws JobNotFoundException    when it is unknown or not the caller's (the same answer: ids of others stay secret)
     */
    public Job get(String id) {
        UUID jobId = parseJobId(id);
        JobScope scope = scope();
        return store.find(jobId).filter(scope::includes).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    private static UUID parseJobId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MalformedJobIdException(id);
    }
}
