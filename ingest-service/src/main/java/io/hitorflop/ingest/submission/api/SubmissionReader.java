package io.hitorflop.ingest.submission.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.http.BodyTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON submission within {@code hitorflop.ingest.limits.json-body}: a larger declared
 * length is refused before a byte is read, a body without one as soon as it passes the limit, so
 * no request holds more than the limit in memory. The document is read strictly, by a mapper of
 * its own (Kafka's event mapper is left alone): no trailing data, no duplicate keys, no numbers
 * or booleans given as strings (or other scalar coercions), bounded nesting and number length.
 */
@ApplicationScoped
class SubmissionReader {

    /** A submission is two levels deep ({@code {"webhook": {"url": …}}}); more is not a submission. */
    private static final int MAX_NESTING = 8;
    /** Digits of a number: far more than a double's 17 significant digits, far less than a costly parse. */
    private static final int MAX_NUMBER_LENGTH = 64;

    private final long limit;
    private final ObjectReader reader;

    SubmissionReader(IngestConfig config) {
        this.limit = config.limits().jsonBody().asLongValue();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength((int) limit)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.reader = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(any -> any
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build()
                .readerFor(JobSubmission.class);
    }

    /** The body, at most {@code limit} bytes; an empty body is an empty array. */
    byte[] body(InputStream in, String declaredLength) throws IOException {
        if (declaredLength != null && declaredLength.matches("\\d{1,18}") && Long.parseLong(declaredLength) > limit) {
            throw new BodyTooLargeException(limit);
        }
        byte[] body = in.readNBytes((int) limit + 1);
        if (body.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return body;
    }

    /** The submission in {@code body}; a malformed document throws Jackson's exception (400 malformed-json). */
    JobSubmission parse(byte[] body) throws IOException {
        return reader.readValue(body);
    }

}
