package io.hitorflop.results.job.api;

import io.hitorflop.service.api.Problem;

import java.util.List;

/** Query parameters that cannot be used, each with what is wrong (answered as a 400). */
public class InvalidQueryException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidQueryException(List<Problem.FieldError> errors) {
        super(errors.size() + " query parameter(s) invalid");
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
