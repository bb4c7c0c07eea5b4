package io.hitorflop.ingest.idempotency.api;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.http.MalformedRequestException;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * Reads the {@code Idempotency-Key} header. The draft defines it as a Structured Field String
 * (RFC 8941: {@code "..."}); a bare token is accepted too, as many clients send one.
 */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /**
     * The key, or null when the header is absent; a malformed, empty or blank value, or more than
     * one header, is a 400. Read from the raw headers, so an empty header is refused rather than unseen.
     */
    public static String parse(HttpServerRequest request) {
        List<String> headers = request.headers().getAll(NAME);
        if (headers.isEmpty()) {
            return null;
        }
        if (headers.size() > 1) {
            throw malformed("send one Idempotency-Key header, not " + headers.size());
        }
        return parse(headers.get(0));
    }

    private static String parse(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw malformed("the Idempotency-Key must be 1 to " + MAX_LENGTH + " printable ASCII characters "
                    + "(this one has " + value.length() + "), e.g. Idempotency-Key: \"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
        }
        return value;
    }

    private static MalformedRequestException malformed(String detail) {
        return new MalformedRequestException(ProblemType.INVALID_IDEMPOTENCY_KEY, detail);
    }
}
