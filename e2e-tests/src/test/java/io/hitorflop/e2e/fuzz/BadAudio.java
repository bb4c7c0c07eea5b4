package io.hitorflop.e2e.fuzz;

/**
 * One generated bad upload.
 *
 * @param kind        how it was made
 * @param name        a file name that says what it is, e.g. {@code bit-flipped-07-short.flac}
 * @param contentType the multipart part's declared type
 * @param bytes       the file
 */
public record BadAudio(Kind kind, String name, String contentType, byte[] bytes) {

    public enum Kind {
        ZERO_LENGTH, RANDOM_BYTES, WRONG_MAGIC, TRUNCATED, BIT_FLIPPED, HUGE_DECLARED_SIZE, GARBAGE_STREAM
    }

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes)";
    }
}
