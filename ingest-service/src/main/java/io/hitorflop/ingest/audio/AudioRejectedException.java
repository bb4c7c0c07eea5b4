package io.hitorflop.ingest.audio;

import io.hitorflop.contract.ProblemType;

/** The upload is not audio we can analyse (undecodable, empty, too short or too long); retrying will not help. */
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
