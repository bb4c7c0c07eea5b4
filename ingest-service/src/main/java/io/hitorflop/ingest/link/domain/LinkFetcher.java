package io.hitorflop.ingest.link.domain;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.config.DownloadConfig;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.ForbiddenDestinationException;
import io.hitorflop.security.egress.GuardedHttpClient;
import io.hitorflop.security.egress.GuardedResponse;
import io.hitorflop.security.egress.ResponseTooLargeException;
import io.hitorflop.security.egress.TooManyRedirectsException;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Fetches the audio behind a submitted link into a temporary file: a link that answers with media
 * is streamed directly; a link that answers with a web page is handed to yt-dlp, which names the
 * page's audio, and that is fetched in turn. Every request of ours goes through the guarded client
 * and every request of yt-dlp through the guarded proxy, so every hop is checked by the egress guard. Refusals carry the specific problem type.
 */
@ApplicationScoped
public class LinkFetcher {

    private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml");

    private final GuardedHttpClient client;
    private final DownloadConfig download;
    private final IngestConfig ingest;
    private final YtDlp ytDlp;

    LinkFetcher(GuardedHttpClient client, EgressGuard guard, Vertx vertx, DownloadConfig download, IngestConfig ingest) {
        this.client = client;
        this.download = download;
        this.ingest = ingest;
        this.ytDlp = new YtDlp(download.ytDlpPath(), download.ytDlpTimeout(), ingest.workDir(),
                // yt-dlp's own --socket-timeout and the run's wall-clock limit bound silences; the proxy adds none shorter
                () -> GuardedForwardProxy.start(vertx, guard, download.connectTimeout(), download.ytDlpTimeout()));
    }

    /** The yt-dlp version, for the health endpoint. */
    public Optional<String> ytDlpVersion() {
        return ytDlp.version();
    }

    /** The fetched file in the work directory; the caller deletes it. */
    public Path fetch(UUID jobId, String url) throws AudioRejectedException, IOException {
        try (GuardedResponse response = open(url, Map.of())) {
            if (response.mediaType().filter(PAGE_TYPES::contains).isEmpty()) {
                return save(jobId, response);
            }
            URI page = response.uri();
            response.close();
            MediaLink media = ytDlp.locate(page, ingest.maxAudioDuration());
            try (GuardedResponse mediaResponse = open(media.url(), media.headers())) {
                if (mediaResponse.mediaType().filter(PAGE_TYPES::contains).isPresent()) {
                    throw new AudioRejectedException(ProblemType.NO_AUDIO, "the page's media link answers with another page");
                }
                return save(jobId, mediaResponse);
            }
        }
    }

    private GuardedResponse open(String url, Map<String, String> headers) throws AudioRejectedException, IOException {
        GuardedResponse response;
        try {
            response = client.get(url, headers);
        } catch (ForbiddenDestinationException forbidden) {
            throw new AudioRejectedException(ProblemType.FORBIDDEN_URL, forbidden.getMessage());
        } catch (TooManyRedirectsException looping) {
            throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, looping.getMessage());
        } catch (IOException unreachable) {
            throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, "the link could not be fetched: "
                    + describe(unreachable));
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        response.close();
        if (status == 401 || status == 403 || status == 451) {
            throw new AudioRejectedException(ProblemType.SOURCE_FORBIDDEN, "the site refused the download (HTTP "
                    + status + ")");
        }
        throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, "the site answered HTTP " + status);
    }

    private Path save(UUID jobId, GuardedResponse response) throws AudioRejectedException, IOException {
        Path file = Files.createTempFile(ingest.workDir(), jobId.toString(), ".download");
        try {
            response.saveTo(file, download.maxBytes(), download.transferTimeout());
            return file;
        } catch (ResponseTooLargeException tooLarge) {
            Files.deleteIfExists(file);
            throw new AudioRejectedException(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
        } catch (IOException failed) {
            Files.deleteIfExists(file);
            throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, "the download broke off: " + describe(failed));
        }
    }

    private static String describe(IOException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
