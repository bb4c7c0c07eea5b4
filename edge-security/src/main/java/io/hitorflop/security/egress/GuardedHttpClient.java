package io.hitorflop.security.egress;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Outbound HTTP that cannot be steered to internal addresses: every URL, and every redirect
 * target, passes the {@link EgressGuard}; the connection is made to the addresses the guard
 * checked ({@link VettedDnsResolver}); redirects are followed here, one vetted hop at a time, up
 * to a limit; connections are never reused, so none opened for another destination is borrowed;
 * system proxy settings are ignored (a proxy would resolve names itself).
 */
public final class GuardedHttpClient implements AutoCloseable {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /**
     * @param connectTimeout limit for opening the TCP (and TLS) connection
     * @param readTimeout    limit for the first byte of the answer and for each silence while reading it
     * @param maxRedirects   redirects followed by {@link #get} before giving up
     * @param userAgent      the User-Agent sent unless the caller sets one
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxRedirects, String userAgent) {
    }

    private final EgressGuard guard;
    private final Settings settings;
    private final VettedDnsResolver resolver = new VettedDnsResolver();
    private final CloseableHttpClient client;

    public GuardedHttpClient(EgressGuard guard, Settings settings) {
        this.guard = guard;
        this.settings = settings;
        Timeout read = Timeout.of(settings.readTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(read)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(read)
                        .setContentCompressionEnabled(false)
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** GET, following at most {@link Settings#maxRedirects()} redirects, each target vetted before it is requested. */
    public GuardedResponse get(String url, Map<String, String> headers)
            throws ForbiddenDestinationException, IOException {
        VettedDestination destination = guard.vet(url);
        for (int redirects = 0; ; redirects++) {
            ClassicHttpResponse response = send(new HttpGet(destination.uri()), destination, headers);
            String location = response.getFirstHeader("Location") == null ? null
                    : response.getFirstHeader("Location").getValue();
            if (!REDIRECTS.contains(response.getCode()) || location == null) {
                return new GuardedResponse(response, destination.uri());
            }
            response.close();
            if (redirects == settings.maxRedirects()) {
                throw new TooManyRedirectsException("more than " + settings.maxRedirects() + " redirects from " + url);
            }
            URI next;
            try {
                next = destination.uri().resolve(location.strip());
            } catch (IllegalArgumentException malformed) {
                throw new ForbiddenDestinationException("redirect to an invalid URL: " + location);
            }
            try {
                destination = guard.vet(next);
            } catch (ForbiddenDestinationException forbidden) {
                throw new ForbiddenDestinationException("redirect to " + next + " refused: " + forbidden.getMessage());
            }
        }
    }

    /** POST without following redirects (a 3xx is returned as it is). */
    public GuardedResponse post(String url, Map<String, String> headers, byte[] body, String contentType)
            throws ForbiddenDestinationException, IOException {
        VettedDestination destination = guard.vet(url);
        HttpPost post = new HttpPost(destination.uri());
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return new GuardedResponse(send(post, destination, headers), destination.uri());
    }

    private ClassicHttpResponse send(HttpUriRequestBase request, VettedDestination destination,
                                     Map<String, String> headers) throws IOException {
        request.setHeader("User-Agent", settings.userAgent());
        headers.forEach(request::setHeader);
        resolver.vetted(destination);
        try {
            return client.executeOpen(null, request, null);
        } finally {
            resolver.clear();
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
