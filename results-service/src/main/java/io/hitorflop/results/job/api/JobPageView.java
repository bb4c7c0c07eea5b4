package io.hitorflop.results.job.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of {@code GET /v1/jobs}: pages count from 0; {@code links} holds {@code self},
 * {@code first}, {@code last} and, when they exist, {@code prev} and {@code next}.
 */
public record JobPageView(List<JobSummaryView> items, int page, int size, long total, Links links) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String first, String prev, String next, String last) {
    }
}
