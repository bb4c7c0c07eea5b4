package io.hitorflop.contract;

/**
 * RFC 9457 problem types used at the API and as the reason of a FAILED job. The URI is
 * {@link #BASE} + slug; it names the kind of problem, the detail says what happened.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Malformed request", 400),
    INVALID_JOB_ID("invalid-job-id", "Malformed job id", 400),
    INVALID_PATH("invalid-path", "Path with encoded separators or dot-segments", 400),
    INVALID_QUERY("invalid-query", "Invalid query parameters", 400),
    MALFORMED_JSON("malformed-json", "Malformed JSON body", 400),
    INVALID_MULTIPART("invalid-multipart", "Malformed multipart form", 400),
    INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", "Malformed Idempotency-Key header", 400),
    INVALID_TRANSFER_ENCODING("invalid-transfer-encoding", "Unsupported or ambiguous message framing", 400),
    INVALID_BATCH("invalid-batch", "Batch file cannot be read", 400),
    UNAUTHORIZED("unauthorized", "Missing or unknown API key", 401),
    JOB_NOT_FOUND("job-not-found", "No such job", 404),
    BATCH_NOT_FOUND("batch-not-found", "No such batch", 404),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
    REQUEST_TIMEOUT("request-timeout", "The request did not arrive in time", 408),
    CONFLICT("conflict", "Request conflicts with one in progress", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Upload larger than the limit", 413),
    TOO_MANY_ROWS("too-many-rows", "Batch with more rows than the limit", 413),
    URI_TOO_LONG("uri-too-long", "Request target longer than the limit", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
    INVALID_FEATURES("invalid-features", "Feature vector invalid", 422),
    INVALID_ROW("invalid-row", "Batch row neither a feature vector nor a link", 422),
    FIELD_TOO_LONG("field-too-long", "A field is longer than its limit", 422),
    INVALID_TEXT("invalid-text", "Text with control characters or invalid Unicode", 422),
    NOT_MUSIC("not-music", "The audio has no musical content", 422),
    INVALID_EVENT("invalid-event", "An event of the job could not be stored", 422),
    UNSUPPORTED_AUDIO("unsupported-audio", "Audio cannot be decoded", 422),
    AUDIO_TOO_LONG("audio-too-long", "Audio longer than the limit", 422),
    DOWNLOAD_FAILED("download-failed", "The link could not be fetched", 422),
    FORBIDDEN_URL("forbidden-url", "The URL points to a forbidden address", 422),
    SOURCE_FORBIDDEN("source-forbidden", "The site refused the download", 422),
    BOT_CHECK("bot-check", "The site demanded a bot check", 422),
    NO_AUDIO("no-audio", "The link offers no audio", 422),
    LIVE_STREAM("live-stream", "The link is a live stream", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with another payload", 422),
    TOO_MANY_BATCHES("too-many-batches", "Too many batches running for this caller", 429),
    TOO_MANY_STREAMS("too-many-streams", "Too many open event streams for this caller", 429),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers larger than the limit", 431),
    FEATURE_EXTRACTION_FAILED("feature-extraction-failed", "Features could not be measured", 500),
    INFERENCE_FAILED("inference-failed", "The models could not score the features", 500),
    /** Not a failed job: a DONE job's verdict whose reasons could not be computed or stored. */
    EXPLANATION_UNAVAILABLE("explanation-unavailable", "The verdict's reasons could not be computed", 500),
    TIMED_OUT("timed-out", "The job did not finish in time", 504),
    BAD_GATEWAY("bad-gateway", "The service behind the router did not answer", 502),
    GATEWAY_TIMEOUT("gateway-timeout", "The service behind the router answered too late", 504),
    SERVICE_BUSY("service-busy", "Too much audio is being transcoded at once", 503),
    QUEUE_UNAVAILABLE("queue-unavailable", "The job queue cannot take jobs now", 503),
    /** Not an answer: the note of a batch completed although some of its rows never reached results-service. */
    ROWS_LOST("rows-lost", "Rows of the batch were never queued", 503),
    STREAMS_FULL("streams-full", "The service holds as many event streams as it can", 503),
    INTERNAL("internal", "Internal error", 500);

    public static final String BASE = "https://hitorflop.io/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
