package io.hitorflop.localstack.router;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link LocalRouter} in the foreground until the process is stopped (SIGTERM closes it).
 * <pre>
 * LocalRouterMain --port 8080 --ingest http://127.0.0.1:8081 --results http://127.0.0.1:8082 \
 *                 [--service feature=http://127.0.0.1:8083 ...] [--max-body-size BYTES]
 * </pre>
 * ingest and results are also reachable as {@code /q/ingest/...} and {@code /q/results/...}.
 */
public final class LocalRouterMain {

    private LocalRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        URI ingest = null;
        URI results = null;
        Map<String, URI> services = new LinkedHashMap<>();
        long maxBodySize = LocalRouter.DEFAULT_MAX_BODY_SIZE;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--ingest" -> ingest = URI.create(required(args[i], value));
                case "--results" -> results = URI.create(required(args[i], value));
                case "--max-body-size" -> maxBodySize = Long.parseLong(required(args[i], value));
                case "--service" -> {
                    String[] nameAndUri = required(args[i], value).split("=", 2);
                    if (nameAndUri.length != 2) {
                        throw usage("--service needs name=uri, got " + value);
                    }
                    services.put(nameAndUri[0], URI.create(nameAndUri[1]));
                }
                default -> throw usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (ingest == null || results == null) {
            throw usage("--ingest and --results are required");
        }
        services.putIfAbsent("ingest", ingest);
        services.putIfAbsent("results", results);
        RoutingTable routes = new RoutingTable(ingest, results, services);
        LocalRouter router = LocalRouter.start(routes, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                maxBodySize);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            stopped.countDown();
        }, "router-shutdown"));
        System.out.println("router ready on " + router.baseUri() + " (POST /v1/jobs -> " + ingest
                + ", /v1/** -> " + results + ", /q/<service>/** -> " + services.keySet() + ")");
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw usage(option + " needs a value");
        }
        return value;
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: LocalRouterMain --port P --ingest URI --results URI [--service name=URI ...] [--max-body-size BYTES]");
    }
}
