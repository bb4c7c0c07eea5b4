package io.hitorflop.security.egress;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** An open response of the guarded client; the body is read with a size limit and a deadline. Close it. */
public final class GuardedResponse implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ClassicHttpResponse response;
    private final URI uri;

    GuardedResponse(ClassicHttpResponse response, URI uri) {
        this.response = response;
        this.uri = uri;
    }

    public int status() {
        return response.getCode();
    }

    /** The URL that answered, after redirects. */
    public URI uri() {
        return uri;
    }

    public Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    /** The media type without parameters, lower case ({@code audio/mpeg}). */
    public Optional<String> mediaType() {
        HttpEntity entity = response.getEntity();
        if (entity == null || entity.getContentType() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContentType.parse(entity.getContentType()).getMimeType().toLowerCase(Locale.ROOT));
        } catch (RuntimeException unparsable) {
            return Optional.empty();
        }
    }

    /**
     * Streams the body into {@code file}, refusing it (and deleting the file) once it passes
     * {@code maxBytes} or the {@code deadline} from now; returns the number of bytes written.
     */
    public long saveTo(Path file, long maxBytes, Duration deadline) throws IOException {
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = copy(out, maxBytes, deadline);
            complete = true;
            return written;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The body, or {@link ResponseTooLargeException} past {@code maxBytes}. */
    public byte[] readAtMost(int maxBytes, Duration deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(out, maxBytes, deadline);
        return out.toByteArray();
    }

    private long copy(OutputStream out, long maxBytes, Duration deadline) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return 0;
        }
        if (entity.getContentLength() > maxBytes) {
            throw new ResponseTooLargeException("the response announces " + entity.getContentLength()
                    + " bytes; the limit is " + maxBytes);
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        long total = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = entity.getContent()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new ResponseTooLargeException("the response is longer than the limit of " + maxBytes + " bytes");
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new SocketTimeoutException("the response took longer than " + deadline.toSeconds() + " s");
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        response.close();
    }
}
