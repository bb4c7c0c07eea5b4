package io.hitorflop.results.job.domain;

import io.hitorflop.contract.ProblemType;

import java.util.Arrays;

/**
 * Why a job failed.
 *
 * @param type   RFC 9457 problem type URI (a {@link ProblemType} URI)
 * @param detail what happened
 * @param stage  the service or step that gave up
 */
public record Failure(String type, String detail, String stage) {

    /** The title of the problem type, or a generic one for a type this version does not know. */
    public String title() {
        return Arrays.stream(ProblemType.values())
                .filter(problem -> problem.uri().equals(type))
                .map(ProblemType::title)
                .findFirst()
                .orElse("Job failed");
    }
}
