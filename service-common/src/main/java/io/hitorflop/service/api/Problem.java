package io.hitorflop.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hitorflop.contract.ProblemType;

import java.util.List;

/** An RFC 9457 problem document ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input. */
    public record FieldError(String field, String problem) {
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, null);
    }
}
