package io.hitorflop.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers with a {@link Problem} from a Vert.x route handler, where a request is refused before
 * JAX-RS (and its exception mappers, see {@link Problems}) would see it: the API-key gate, ingest's
 * framing checks and its body limit.
 */
public final class RoutingProblems {

    /** A problem is a record of strings, numbers and lists: any mapper writes it alike. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingProblems() {
    }

    /** Ends the response with {@code problem}: its status, {@value Problem#MEDIA_TYPE} and the document. */
    public static Future<Void> send(RoutingContext request, Problem problem) {
        return request.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(json(problem));
    }

    /**
     * Sends {@code problem} with {@code Connection: close} and closes the connection once it is
     * written: for a refusal after which the rest of the request (an unread or unframed body) must
     * not be read as the next one. When the answer has begun already, only closes.
     */
    public static void sendAndClose(RoutingContext request, Problem problem) {
        if (request.response().headWritten()) {
            request.request().connection().close();
            return;
        }
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(request, problem).onComplete(sent -> request.request().connection().close());
    }

    private static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException impossibleForARecordOfStrings) {
            throw new IllegalStateException("a problem document is always serialisable", impossibleForARecordOfStrings);
        }
    }
}
