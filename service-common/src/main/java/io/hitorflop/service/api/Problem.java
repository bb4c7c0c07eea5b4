package io.hitorflop.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.ProblemType;

import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * <p>{@code errors} holds at most {@value #MAX_LISTED_ERRORS} field errors and {@code errorCount}
 * how many there were in all: an answer stays small however many mistakes one request carries
 * (a vector of a million unknown names once made a 70 MB answer).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, Integer errorCount) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final int MAX_LISTED_ERRORS = 20;

    /** One invalid input. */
    public record FieldError(String field, String problem) {
    }

    public Problem {
        if (errors != null) {
            errorCount = Math.max(errors.size(), errorCount == null ? 0 : errorCount);
            errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
        }
    }

    /** A problem listing {@code errors}, of which the first {@value #MAX_LISTED_ERRORS} are kept. */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, null, null);
    }

    /** A problem of {@code type} naming each field in {@code errors}. */
    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, null);
    }
}
