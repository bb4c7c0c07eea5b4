package io.hitorflop.localstack.router;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link LocalRouter} in the foreground until the process is stopped (SIGTERM closes it).
 * <pre>
 * LocalRouterMain --port 8080 --ingest http://127.0.0.1:8081 --results http://127.0.0.1:8082 \
 *                 [--max-body-size BYTES] [--body-idle-timeout SECONDS] [--upstream-timeout SECONDS]
 * </pre>
 * Only {@code /v1} is exposed; each service's {@code /q/**} (health, metrics) stays on its own port.
 */
public final class LocalRouterMain {

    private LocalRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        URI ingest = null;
        URI results = null;
        RouterLimits limits = RouterLimits.defaults();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--ingest" -> ingest = URI.create(required(args[i], value));
                case "--results" -> results = URI.create(required(args[i], value));
                case "--max-body-size" -> limits = limits.withMaxBodySize(Long.parseLong(required(args[i], value)));
                case "--body-idle-timeout" -> limits = limits.withBodyIdleTimeout(seconds(args[i], value));
                case "--upstream-timeout" -> limits = limits.withUpstreamTimeout(seconds(args[i], value));
                default -> throw usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (ingest == null || results == null) {
            throw usage("--ingest and --results are required");
        }
        RoutingTable routes = RoutingTable.api(ingest, results);
        LocalRouter router = LocalRouter.start(routes, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                limits);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            stopped.countDown();
        }, "router-shutdown"));
        System.out.println("router ready on " + router.baseUri() + " (POST /v1/jobs -> " + ingest
                + ", GET /v1/** -> " + results + ")");
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw usage(option + " needs a value");
        }
        return value;
    }

    private static Duration seconds(String option, String value) {
        return Duration.ofSeconds(Long.parseLong(required(option, value)));
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: LocalRouterMain --port P --ingest URI --results URI [--max-body-size BYTES]"
                + " [--body-idle-timeout SECONDS] [--upstream-timeout SECONDS]");
    }
}
