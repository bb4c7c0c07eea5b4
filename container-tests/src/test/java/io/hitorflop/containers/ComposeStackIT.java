package io.hitorflop.containers;

import io.hitorflop.localstack.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml as a user runs it, under podman-compose 1.0.3: the images built from the
 * packaged apps by deploy/build-images.sh, the stack up with API keys and a webhook secret from an
 * env file, an audio job and a vector job through the router to DONE, the dashboard's page; then
 * Kafka stopped for 45 s and started again, and one service container restarted behind the router.
 * podman-compose ignores health-check timers and {@code depends_on} conditions, so the test runs
 * each container's own health check ({@code podman healthcheck run}) to know when it is ready.
 * Everything the test made is removed afterwards, also when it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    private static final Duration STACK_READY = Duration.ofMinutes(6);
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(45);

    private static final String API_KEY = UUID.randomUUID().toString();

    private static Podman podman;
    private static ComposeProject project;
    private static RouterClient router;
    private static final Map<String, Duration> timings = new LinkedHashMap<>();

    @BeforeAll
    static void buildAndStartTheStack() throws IOException {
        Path repository = Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize();
        String run = Long.toString(System.currentTimeMillis(), 36);
        podman = new Podman(Path.of(System.getProperty("hitorflop.containers.work", "target/containers"))
                .toAbsolutePath().resolve(run));
        int routerPort = FreePort.pick();
        project = new ComposeProject(podman, repository, "hitorflop-it-" + run, "it-" + run, routerPort,
                envFile(podman.workDirectory()));
        router = new RouterClient(routerPort, API_KEY);

        Instant started = Instant.now();
        project.buildImages();
        timings.put("image build", Duration.between(started, Instant.now()));
        started = Instant.now();
        project.up();
        awaitHealthy("kafka", "postgres", "ingest", "feature", "inference", "results", "router");
        timings.put("stack up to every container healthy", Duration.between(started, Instant.now()));
    }

    @AfterAll
    static void removeEverything() {
        if (project != null) {
            project.close();
        }
        timings.forEach((step, took) -> System.out.printf("container-tests: %s took %d s%n", step, took.toSeconds()));
    }

    @Test
    @Order(1)
    void anAudioJobAndAVectorJobReachDoneThroughTheRouter() {
        Jobs.anAudioJobAndAVectorJobReachDone(router, router, podman.workDirectory());
    }

    @Test
    @Order(2)
    void theRouterServesTheDashboardOnItsHistoryPaths() {
        for (String path : new String[] {"/", "/jobs", "/jobs/" + UUID.randomUUID()}) {
            HttpResponse<String> page = router.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(path).contains("<script type=\"module\"");
        }
        assertThat(router.get("/js/main.js").statusCode()).isEqualTo(200);
        assertThat(router.get("/q/health").statusCode()).as("no service's /q/** through the router").isEqualTo(404);
    }

    /** A scraper on the compose network reads /q/metrics without the API key (the file's public paths); the router does not serve it. */
    @Test
    @Order(2)
    void everyServiceServesItsMetricsWithoutAKeyOnItsOwnPort() {
        project.javaServices().forEach(service -> assertThat(podman.podman(Duration.ofMinutes(1), "exec",
                project.container(service), "/usr/local/bin/health-check", "/q/metrics").succeeded())
                .as(service + ": GET /q/metrics without a key answers 200").isTrue());
        assertThat(router.get("/q/metrics").statusCode()).as("the router serves no /q/**").isEqualTo(404);
    }

    /**
     * Kafka down for 45 s: every service's readiness is sampled meanwhile, and after Kafka is back
     * every service is ready again and a new job reaches DONE without any service restarted by hand.
     */
    @Test
    @Order(3)
    void theStackRecoversFromAKafkaOutageByItself() {
        Set<String> seenNotReady = ConcurrentHashMap.newKeySet();
        podman.podman(Duration.ofMinutes(2), "stop", "-t", "10", project.container("kafka")).orThrow();
        Instant stopped = Instant.now();
        // the outage lasts its 45 s whatever the services answer: the samples are taken meanwhile
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(3)).atMost(KAFKA_OUTAGE.plusMinutes(2))
                .until(() -> {
                    project.javaServices().filter(service -> !podman.healthy(project.container(service)))
                            .forEach(seenNotReady::add);
                    return Duration.between(stopped, Instant.now()).compareTo(KAFKA_OUTAGE) >= 0;
                });
        podman.podman(Duration.ofMinutes(2), "start", project.container("kafka")).orThrow();
        Instant restarted = Instant.now();
        awaitHealthy("kafka", "ingest", "feature", "inference", "results");
        timings.put("every service ready after Kafka's restart", Duration.between(restarted, Instant.now()));

        Jobs.awaitDone(router, Jobs.acceptedOnceKafkaIsBack(router));
        timings.put("Kafka restart to a new job DONE", Duration.between(restarted, Instant.now()));
        assertThat(new TreeSet<>(seenNotReady)).as("services seen NOT READY while Kafka was down")
                .containsExactlyInAnyOrder("ingest", "feature", "inference", "results");
    }

    @Test
    @Order(4)
    void theRouterReachesARestartedServiceContainer() {
        String before = address(project.container("results"));
        podman.podman(Duration.ofMinutes(2), "restart", "-t", "10", project.container("results")).orThrow();
        awaitHealthy("results");
        assertThat(router.get("/v1/jobs?size=1").statusCode()).as("GET through the router after the restart "
                + "(address before " + before + ", after " + address(project.container("results")) + ")").isEqualTo(200);
    }

    private static String address(String container) {
        return podman.podman(Duration.ofMinutes(1), "inspect", "-f",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container).output().strip();
    }

    private static void awaitHealthy(String... services) {
        for (String service : services) {
            await().pollInterval(Duration.ofSeconds(3)).atMost(STACK_READY).alias(service + " healthy")
                    .until(() -> podman.healthy(project.container(service)));
        }
    }

    /** API keys on, with this run's key, and a webhook secret: the env file docker-compose.yml reads. */
    private static Path envFile(Path directory) throws IOException {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return Files.writeString(directory.resolve("compose.env"), String.join("\n",
                "HITORFLOP_SECURITY_API_KEYS_ENABLED=true",
                "HITORFLOP_SECURITY_API_KEYS_KEYS=container-tests:" + sha256Hex(API_KEY),
                "HITORFLOP_RESULTS_WEBHOOKS_SECRET=whsec_" + java.util.Base64.getEncoder().encodeToString(secret),
                ""), StandardCharsets.UTF_8);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
