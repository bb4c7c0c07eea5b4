package io.hitorflop.service.testing;

import java.util.List;
import java.util.Set;

/**
 * Spellings of the API's paths an attacker would try to get past a key check that reads the path
 * differently from the router behind it (encoded dots, slashes and backslashes, double encoding,
 * {@code ;} parameters, empty segments, trailing dots, case variants, climbing out of a router
 * prefix), and the operations endpoints. Shared by the services' tests and the end-to-end test.
 */
public final class PathSpellings {

    /** The decoded paths served without a key (the services' default public allow-list). */
    public static final Set<String> PUBLIC = Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started");

    /** Ways to write {@code /v1/jobs}. */
    public static final List<String> JOB_LIST = List.of("/v1/jobs", "/%2e/v1/jobs", "/%76%31/jobs", "/v1/%2e%2e/v1/jobs",
            "/%2E%2E/v1/jobs", "/v1%2fjobs", "/v1/jobs%2f", "/v1%5cjobs", "/%252e%252e/v1/jobs", "/v1;x=y/jobs",
            "/v1/jobs;jsessionid=1", "//v1/jobs", "/v1//jobs", "/v1./jobs", "/v1/jobs.", "/V1/jobs", "/v1/JOBS",
            "/q/results/../v1/jobs", "/q/ingest/%2e%2e/v1/jobs", "/q/results/%2e%2e/v1/jobs", "/./v1/jobs",
            "/v1/jobs/", "/v1/jobs/%2e");

    /** Operations endpoints, public or not. */
    public static final List<String> OPERATIONS = List.of("/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/",
            "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/health/", "/q/health/well",
            "/q/%68ealth/../metrics", "/q/health/..%2fmetrics", "/q/health;/../metrics", "/q/dev-ui", "/q/");

    private PathSpellings() {
    }

    /** Ways to write {@code /v1/jobs/{jobId}} and {@code /v1/jobs/{jobId}/deliveries}. */
    public static List<String> ofJob(String jobId) {
        return List.of("/v1/jobs/" + jobId, "/v1/jobs/" + jobId + "/deliveries", "/%76%31/jobs/" + jobId,
                "/%2e/v1/jobs/" + jobId, "/v1/%2e%2e/v1/jobs/" + jobId + "/deliveries", "/v1/jobs%2f" + jobId,
                "/v1%5cjobs%5c" + jobId, "/v1/jobs/" + jobId + ";x=y", "/v1/jobs/" + jobId + "/.",
                "/v1/jobs/" + jobId + "/deliveries/..", "/v1/jobs/" + jobId + ".", "//v1/jobs/" + jobId,
                "/V1/jobs/" + jobId, "/v1/jobs/" + jobId.toUpperCase(java.util.Locale.ROOT),
                "/q/results/../v1/jobs/" + jobId, "/q/results/%2e%2e/v1/jobs/" + jobId + "/deliveries",
                "/v1/jobs/%252e%252e/" + jobId);
    }
}
