package io.hitorflop.inference.verdict;

/** A model set cannot be used: a card or an ONNX file is missing, corrupt or does not match the contract. */
public class ModelSetException extends RuntimeException {

    public ModelSetException(String message) {
        super(message);
    }

    public ModelSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
