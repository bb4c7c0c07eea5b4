package io.hitorflop.audiostore;

import io.hitorflop.contract.ProblemType;

/**
 * The audio cannot be analysed because of what it is (not audio, corrupt, empty, too short or too
 * long), not because of a fault on our side; retrying it will not help.
 */
public class AudioRejectedException extends Exception {

    private final transient ProblemType problemType;

    public AudioRejectedException(ProblemType problemType, String reason) {
        super(reason);
        this.problemType = problemType;
    }

    public ProblemType problemType() {
        return problemType;
    }
}
