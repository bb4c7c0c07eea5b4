package io.hitorflop.ingest.link.api;

import io.hitorflop.ingest.link.domain.LinkFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Reports the yt-dlp version at {@code /q/health}. Without yt-dlp the service still takes uploads
 * and direct audio links (only web pages fail), so the check stays UP and says yt-dlp is missing.
 * The version is read once: sites change often and operators want to see which yt-dlp runs.
 */
@Readiness
@ApplicationScoped
public class YtDlpHealthCheck implements HealthCheck {

    private final LinkFetcher fetcher;
    private volatile Optional<String> version;

    YtDlpHealthCheck(LinkFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public HealthCheckResponse call() {
        if (version == null) {
            version = fetcher.ytDlpVersion();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("yt-dlp").up();
        return version.map(found -> response.withData("version", found))
                .orElseGet(() -> response.withData("version", "unavailable")
                        .withData("effect", "links to web pages fail with download-failed"))
                .build();
    }
}
