package io.hitorflop.ingest.api;

/**
 * Reads the {@code Idempotency-Key} header. The draft defines it as a Structured Field String
 * (RFC 8941: {@code "..."}); a bare token is accepted too, as many clients send one.
 */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** The key, or null when the header is absent; a malformed value is a 400. */
    static String parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new JobsResource.MalformedRequestException("the Idempotency-Key must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters, e.g. Idempotency-Key: \"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
        }
        return value;
    }
}
