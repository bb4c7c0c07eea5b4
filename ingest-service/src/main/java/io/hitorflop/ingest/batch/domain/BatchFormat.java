package io.hitorflop.ingest.batch.domain;

import java.util.Locale;
import java.util.Optional;

/** How a batch file is written. */
public enum BatchFormat {
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** JSON Lines (one JSON object per line), also known as NDJSON. */
    JSON_LINES;

    /** The format a media type (parameters ignored) or, failing that, a file name names; empty when neither does. */
    public static Optional<BatchFormat> of(String mediaType, String fileName) {
        String type = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "text/csv":
                return Optional.of(CSV);
            case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/x-jsonlines":
                return Optional.of(JSON_LINES);
            default:
                break;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSON_LINES);
        }
        return Optional.empty();
    }
}
