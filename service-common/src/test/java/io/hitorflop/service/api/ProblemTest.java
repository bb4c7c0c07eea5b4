package io.hitorflop.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    private static List<Problem.FieldError> errors(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Problem.FieldError("name" + i, "unknown feature")).toList();
    }

    @Test
    void aMillionErrorsAreAnsweredWithTheFirstTwentyAndTheirCount() throws Exception {
        Problem problem = Problem.of(ProblemType.INVALID_FEATURES, "too many", "/v1/jobs", errors(1_000_000));

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(problem));

        assertThat(json.get("errors")).hasSize(Problem.MAX_LISTED_ERRORS);
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("name0");
        assertThat(json.get("errors").get(19).get("field").asText()).isEqualTo("name19");
        assertThat(json.get("errorCount").asInt()).isEqualTo(1_000_000);
    }

    @Test
    void aFewErrorsAreAllListedWithTheirCount() {
        Problem problem = new Problem("about:blank", "Bad", 400, null, "/x", errors(3));

        assertThat(problem.errors()).hasSize(3);
        assertThat(problem.errorCount()).isEqualTo(3);
    }

    @Test
    void aProblemWithoutErrorsHasNoCount() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Problem.of(ProblemType.BAD_REQUEST, "no", "/x"));

        assertThat(json).doesNotContain("errors").doesNotContain("errorCount");
    }

    @Test
    void aCountGivenLargerThanTheListIsKept() {
        Problem problem = new Problem("about:blank", "Bad", 400, null, "/x", errors(25), 40);

        assertThat(problem.errors()).hasSize(Problem.MAX_LISTED_ERRORS);
        assertThat(problem.errorCount()).isEqualTo(40);
    }
}
