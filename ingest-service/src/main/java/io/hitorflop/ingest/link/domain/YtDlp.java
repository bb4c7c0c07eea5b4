package io.hitorflop.ingest.link.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.contract.ProblemType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks yt-dlp (a subprocess) where a page's best audio is, without letting it download anything:
 * {@code --dump-single-json -f bestaudio/best} prints the chosen format, which the ingest service
 * then fetches itself through the guarded client, so the media request obeys the SSRF rules. Live
 * streams, audio longer than the limit and formats that are not one progressive http(s) file
 * (HLS/DASH manifests) are refused before any media is fetched. yt-dlp still makes the requests its
 * extractor needs (the page, its redirects, player or API documents); all of them go through a
 * {@link GuardedForwardProxy} started for this run only, and the proxy variables of the service's
 * environment are removed so that none (notably {@code no_proxy}) can route around it. The process
 * runs under a wall-clock limit and is killed with its children when it passes.
 */
final class YtDlp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROGRESSIVE = List.of("http", "https");

    private final String executable;
    private final Duration timeout;
    private final Path workDir;
    private final ProxyStarter proxies;

    /** Starts the proxy that one yt-dlp run goes through. */
    @FunctionalInterface
    interface ProxyStarter {
        GuardedForwardProxy start() throws IOException;
    }

    YtDlp(String executable, Duration timeout, Path workDir, ProxyStarter proxies) {
        this.executable = executable;
        this.timeout = timeout;
        this.workDir = workDir;
        this.proxies = proxies;
    }

    /** {@code yt-dlp --version}, or empty when it cannot be run. */
    Optional<String> version() {
        try {
            Result result = run(List.of(executable, "--version"), Duration.ofSeconds(10));
            return result.exitCode() == 0 ? Optional.of(result.stdout().strip()) : Optional.empty();
        } catch (IOException | AudioRejectedException unavailable) {
            return Optional.empty();
        }
    }

    MediaLink locate(URI page, Duration maxDuration) throws AudioRejectedException, IOException {
        Result result;
        try (GuardedForwardProxy proxy = proxies.start()) {
            result = run(List.of(executable, "--dump-single-json", "--skip-download", "--no-playlist", "--no-warnings",
                    "--ignore-config", "--no-cache-dir", "--proxy", proxy.url(), "--socket-timeout", "20",
                    "-f", "bestaudio/best", "--", page.toString()), timeout);
        } catch (IOException notRunnable) {
            throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, "the link is a web page and yt-dlp ('"
                    + executable + "') could not be run: " + notRunnable.getMessage());
        }
        if (result.exitCode() != 0) {
            String stderr = result.stderr().isBlank() ? "yt-dlp exited with " + result.exitCode() : result.stderr();
            throw new AudioRejectedException(YtDlpRefusal.classify(stderr), "yt-dlp: " + YtDlpRefusal.reason(stderr));
        }
        JsonNode info = JSON.readTree(result.stdout());
        String liveStatus = info.path("live_status").asText("");
        if (info.path("is_live").asBoolean(false) || liveStatus.equals("is_live") || liveStatus.equals("is_upcoming")) {
            throw new AudioRejectedException(ProblemType.LIVE_STREAM, "the link is a live stream ("
                    + (liveStatus.isEmpty() ? "is_live" : liveStatus) + "); only recordings can be judged");
        }
        double seconds = info.path("duration").asDouble(0);
        if (seconds > maxDuration.toSeconds()) {
            throw new AudioRejectedException(ProblemType.AUDIO_TOO_LONG, String.format(Locale.ROOT,
                    "the media lasts %.1f s; the limit is %d s", seconds, maxDuration.toSeconds()));
        }
        if ("none".equals(info.path("acodec").asText(""))) {
            throw new AudioRejectedException(ProblemType.NO_AUDIO, "the page's media has no audio track");
        }
        String url = info.path("url").asText("");
        String protocol = info.path("protocol").asText("https").toLowerCase(Locale.ROOT);
        if (url.isEmpty() || !PROGRESSIVE.contains(protocol)) {
            throw new AudioRejectedException(ProblemType.NO_AUDIO, "no progressive http(s) audio format on the page"
                    + (url.isEmpty() ? "" : " (only " + protocol + ")"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        info.path("http_headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        return new MediaLink(url, headers);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(List<String> command, Duration limit) throws IOException, AudioRejectedException {
        Path out = Files.createTempFile(workDir, "yt-dlp", ".out");
        Path err = Files.createTempFile(workDir, "yt-dlp", ".err");
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            // http_proxy, https_proxy, all_proxy, no_proxy in any case: Python's urllib honours them
            // beside --proxy (no_proxy would send a host past the guarded proxy).
            builder.environment().keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
            process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AudioRejectedException(ProblemType.DOWNLOAD_FAILED, "yt-dlp did not finish within "
                        + limit.toSeconds() + " s and was stopped");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while yt-dlp ran", interrupted);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
