package io.hitorflop.inference.verdict;

/**
 * A model answered something that is not a probability (outside [0, 1] or not a number). The same
 * input will give the same answer, so the job fails instead of being retried.
 */
public class ModelOutputException extends RuntimeException {

    public ModelOutputException(String message) {
        super(message);
    }
}
