package io.hitorflop.security.paths;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/%2e/v1/jobs", "/v1/%2e%2e/v1/jobs", "/%2E%2E/v1/jobs", "/v1%2fjobs", "/v1/jobs%2F",
            "/v1%5cjobs", "/v1\\jobs", "/%252e%252e/v1/jobs", "/%25/v1/jobs", "/v1;x=y/jobs", "/v1/jobs;jsessionid=1",
            "//v1/jobs", "/v1//jobs", "/v1./jobs", "/v1/jobs.", "/./v1/jobs", "/v1/../v1/jobs", "/q/results/../v1/jobs",
            "/q/ingest/%2e%2e/v1/jobs", "/v1/jobs/%00", "/v1/jobs/%0a", "/v1/jobs/%", "/v1/jobs/%4", "/v1/jobs/%zz",
            "/v1/%c0%ae%c0%ae/jobs", "/v1/%ff", "/v1/j%C3%B6bs", "v1/jobs", "*", "", "/v1/jobs /x", "/v1/jöbs"})
    void ambiguousSpellingsAreRefused(String rawPath) {
        assertThatThrownBy(() -> RequestPath.normalise(rawPath)).isInstanceOf(RequestPath.InvalidPathException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/jobs, /v1/jobs",
            "/%76%31/jobs, /v1/jobs",
            "/v1/jobs/0b9c3c9e-6f1e-4f61-9d43-3c2a4c1b7e10, /v1/jobs/0b9c3c9e-6f1e-4f61-9d43-3c2a4c1b7e10",
            "/q/health/live, /q/health/live",
            "/, /",
            "/v1/jobs/, /v1/jobs/",
            "/v1/a.b/c, /v1/a.b/c"})
    void plainSpellingsAreDecoded(String rawPath, String decoded) {
        assertThat(RequestPath.normalise(rawPath)).isEqualTo(decoded);
    }
}
