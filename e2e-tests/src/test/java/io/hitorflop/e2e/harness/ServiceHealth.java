package io.hitorflop.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A service's own health endpoints as a probe sees them: the HTTP status of {@code /q/health/ready}
 * or {@code /q/health/live} (200 UP, 503 DOWN), or -1 when nothing answered within the probe's
 * deadline, which a Kubernetes probe counts as a failure too.
 */
public final class ServiceHealth {

    /** A probe's deadline: Kubernetes' default timeoutSeconds is 1; the deployments give 5. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_TIMEOUT).build();

    private final StackProcesses processes;

    public ServiceHealth(StackProcesses processes) {
        this.processes = processes;
    }

    public int readiness(String service) {
        return status(service, "/q/health/ready");
    }

    public int liveness(String service) {
        return status(service, "/q/health/live");
    }

    /** The body of the last check, for assertion messages. */
    public String body(String service, String path) {
        try {
            return send(service, path).body();
        } catch (IOException | InterruptedException failed) {
            return failed.toString();
        }
    }

    private int status(String service, String path) {
        try {
            return send(service, path).statusCode();
        } catch (IOException noAnswerInTime) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> send(String service, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processes.port(service) + path))
                .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
