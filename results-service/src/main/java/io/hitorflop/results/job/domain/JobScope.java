package io.hitorflop.results.job.domain;

import io.hitorflop.service.security.Caller;

/**
 * The jobs a request may see. Every job only in the anonymous local mode; a key holder sees the
 * jobs its key submitted, and a job without an owner belongs to no key.
 */
public sealed interface JobScope permits JobScope.EveryJob, JobScope.OwnedBy {

    /** The anonymous local mode: API keys are off, so no job is anyone's. */
    record EveryJob() implements JobScope {
    }

    /** The jobs submitted with the key {@code owner}. */
    record OwnedBy(String owner) implements JobScope {
    }

    static JobScope of(Caller caller) {
        if (caller instanceof Caller.KeyHolder holder) {
            return new OwnedBy(holder.id());
        }
        if (caller instanceof Caller.Anonymous) {
            return new EveryJob();
        }
        throw new IllegalArgumentException("unknown caller " + caller);
    }

    default boolean includes(Job job) {
        return this instanceof OwnedBy owned ? owned.owner().equals(job.owner()) : true;
    }
}
