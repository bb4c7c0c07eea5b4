package io.hitorflop.ingest.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

/**
 * Test-only: reads a streamed body to its end, then works for longer than the test profile's body
 * idle timeout (2 s), as a large batch's intake does after its body is spooled.
 */
@Path("/test-only/slow-after-body")
public class SlowBodyConsumerResource {

    static final long WORK_MILLIS = 4000;

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public String consume(InputStream body) throws IOException, InterruptedException {
        long bytes = body.transferTo(OutputStreamDiscarding.INSTANCE);
        Thread.sleep(WORK_MILLIS); // the work itself, not a wait for anything
        return Long.toString(bytes);
    }

    private static final class OutputStreamDiscarding extends java.io.OutputStream {
        static final OutputStreamDiscarding INSTANCE = new OutputStreamDiscarding();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
