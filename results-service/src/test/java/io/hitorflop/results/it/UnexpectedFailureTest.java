package io.hitorflop.results.it;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * A failure no mapper of this service takes is answered by the catch-all mapper that comes from
 * the service-common jar: this fails if Quarkus did not discover that jar's exception mappers.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class UnexpectedFailureTest {

    /** A test-only endpoint that fails in a way nothing expects. */
    @Path("/test-only/unexpected")
    public static class FailingResource {
        @GET
        public String fail() {
            throw new IllegalStateException("a failure nothing expects");
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalProblemWithoutItsDetails() {
        given().get("/test-only/unexpected").then().statusCode(500).contentType("application/problem+json")
                .body("type", is(ProblemType.INTERNAL.uri()))
                .body("title", is(ProblemType.INTERNAL.title()))
                .body("detail", is("internal error; see the service log"))
                .body("instance", is("/test-only/unexpected"));
    }
}
