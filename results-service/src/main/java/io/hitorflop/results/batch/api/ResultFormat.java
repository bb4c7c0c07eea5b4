package io.hitorflop.results.batch.api;

/** How {@code GET /v1/batches/{id}/results} writes its rows. */
enum ResultFormat {
    CSV("text/csv; charset=utf-8"),
    JSON_LINES("application/x-ndjson");

    private final String mediaType;

    ResultFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** {@code ?format=} wins; else JSON Lines when {@code Accept} asks for it; else CSV. Null for an unknown format. */
    static ResultFormat of(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSON_LINES;
                default -> null;
            };
        }
        return accept != null && (accept.contains("application/x-ndjson") || accept.contains("application/jsonl"))
                ? JSON_LINES : CSV;
    }
}
