package io.hitorflop.launcher.router;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link LocalRouter} in the foreground until the process is stopped (SIGTERM closes it);
 * the supervisor starts it as the stack's {@code router} component. It exposes {@code /v1} and the
 * dashboard ({@link PageFiles}); each service's {@code /q/**} (health, metrics) stays on its own port.
 */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = "Serves POST /v1/jobs (to ingest), GET /v1/** (to results) and the dashboard on 127.0.0.1.")
public final class RouterMain implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--ingest", required = true, description = "ingest-service base URI")
    URI ingest;

    @Option(names = "--results", required = true, description = "results-service base URI")
    URI results;

    @Option(names = "--max-body-size", paramLabel = "BYTES", description = "largest request body (default: 100 MiB)")
    Long maxBodySize;

    @Option(names = "--body-idle-timeout", paramLabel = "SECONDS", description = "longest pause inside a body")
    Long bodyIdleTimeoutSeconds;

    @Option(names = "--upstream-timeout", paramLabel = "SECONDS", description = "longest wait for a service's answer")
    Long upstreamTimeoutSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RouterLimits limits = RouterLimits.defaults();
        if (maxBodySize != null) {
            limits = limits.withMaxBodySize(maxBodySize);
        }
        if (bodyIdleTimeoutSeconds != null) {
            limits = limits.withBodyIdleTimeout(Duration.ofSeconds(bodyIdleTimeoutSeconds));
        }
        if (upstreamTimeoutSeconds != null) {
            limits = limits.withUpstreamTimeout(Duration.ofSeconds(upstreamTimeoutSeconds));
        }
        LocalRouter router = LocalRouter.start(RoutingTable.api(ingest, results).withPage(PageFiles.fromClasspath(PageFiles.CLASSPATH_ROOT)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), limits);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            stopped.countDown();
        }, "router-shutdown"));
        System.out.println("router ready on " + router.baseUri() + " (POST /v1/jobs -> " + ingest
                + ", GET /v1/** -> " + results + ", dashboard at /)");
        stopped.await();
        return 0;
    }
}
