package io.hitorflop.contract;

/**
 * A job's life: QUEUED -> AUDIO_READY -> FEATURES_READY -> DONE, or FAILED from any non-final
 * state. Jobs submitted as a feature vector skip AUDIO_READY.
 */
public enum JobStatus {
    QUEUED,
    AUDIO_READY,
    FEATURES_READY,
    DONE,
    FAILED;

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }

    /** Whether a job in this state may move to {@code next}; a move backwards or out of a final state is never allowed. */
    public boolean canMoveTo(JobStatus next) {
        if (isFinal()) {
            return false;
        }
        return next == FAILED || next.ordinal() > ordinal();
    }
}
