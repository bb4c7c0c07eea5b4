package io.hitorflop.feature.engine.decode;

/**
 * ffmpeg could not be run to completion: it was not found, crashed, or exceeded the
 * wall-clock timeout. Unlike {@link AudioRejectedException} this may succeed on retry.
 */
public class AudioDecodeException extends RuntimeException {

    public AudioDecodeException(String message) {
        super(message);
    }

    public AudioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
