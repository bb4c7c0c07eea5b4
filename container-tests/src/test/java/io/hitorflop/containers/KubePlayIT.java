package io.hitorflop.containers;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes files run in a container runtime: deploy/overlays/local, rendered by
 * {@code kubectl kustomize}, played by {@code podman kube play} ({@link KubePlay} says what kube
 * play skips and how this test stands in for it). Every service READY, its metrics open without a
 * key and its API not; the dashboard pod's page and its router to the API; an audio job and a
 * vector job to DONE; then Kafka stopped for 45 s: every service NOT READY meanwhile, READY after,
 * and a new job DONE without any service restarted by hand; last, results' pod restarted (a new
 * address): a job through the router DONE afterwards. The API key is the overlay's local-only one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubePlayIT {

    private static final List<String> SERVICES =
            List.of("ingest-service", "feature-service", "inference-service", "results-service");
    private static final String LOCAL_API_KEY = "local-test-key";
    private static final Duration STACK_READY = Duration.ofMinutes(6);
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(45);

    private static final Map<String, Duration> timings = new LinkedHashMap<>();
    private static final int KUBELET_RESTARTS = 2;
    private static final Map<String, Integer> kubeletRestarts = new ConcurrentHashMap<>();

    private static Podman podman;
    private static String imageTag;
    private static KubePlay stack;
    private static RouterClient ingest;
    private static RouterClient results;

    @BeforeAll
    static void buildAndPlay() {
        Path repository = Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize();
        String run = Long.toString(System.currentTimeMillis(), 36);
        podman = new Podman(Path.of(System.getProperty("hitorflop.containers.work", "target/containers"))
                .toAbsolutePath().resolve("kube-" + run));
        imageTag = "kube-" + run;
        stack = new KubePlay(podman, repository, imageTag, "hitorflop-kube-" + run);

        Instant started = Instant.now();
        Images.build(podman, repository, imageTag);
        timings.put("image build", Duration.between(started, Instant.now()));
        started = Instant.now();
        stack.play();
        awaitReady(SERVICES, false);
        timings.put("kube play to every service ready", Duration.between(started, Instant.now()));
        ingest = new RouterClient(stack.hostPort("ingest-service"), LOCAL_API_KEY);
        results = new RouterClient(stack.hostPort("results-service"), LOCAL_API_KEY);
    }

    @AfterAll
    static void removeEverything() {
        if (stack != null) {
            printMemory("at the end");
            stack.close();
        }
        if (imageTag != null) {
            Images.remove(podman, imageTag);
        }
        timings.forEach((step, took) -> System.out.printf("kube-play: %s took %d s%n", step, took.toSeconds()));
    }

    @Test
    @Order(1)
    void theDashboardPodServesThePageAndRoutesTheApi() {
        RouterClient router = new RouterClient(stack.hostPort("dashboard"), LOCAL_API_KEY);
        HttpResponse<String> page = router.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\"");
        assertThat(router.get("/v1/jobs").statusCode()).as("GET /v1/jobs through the router (results-service)").isEqualTo(200);
    }

    /** Prometheus scrapes the annotated /q/metrics without a key (the ConfigMap's public paths); the API still needs one. */
    @Test
    @Order(1)
    void metricsAnswerWithoutAKeyAndTheApiDoesNot() {
        for (String service : SERVICES) {
            int port = stack.hostPort(service);
            Answer metrics = getWithoutKey(port, "/q/metrics");
            assertThat(metrics.status()).as(service + " /q/metrics").isEqualTo(200);
            assertThat(metrics.body()).as(service + " /q/metrics").contains("# TYPE jvm_memory_used_bytes");
            assertThat(status(port, "/v1/jobs")).as(service + " /v1/jobs without a key").isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void anAudioJobAndAVectorJobReachDone() {
        printMemory("idle");
        Jobs.anAudioJobAndAVectorJobReachDone(ingest, results, podman.workDirectory());
    }

    @Test
    @Order(3)
    void everyServiceGoesNotReadyWhileKafkaIsDownAndRecoversByItself() {
        Set<String> seenNotReady = ConcurrentHashMap.newKeySet();
        // counted from here: a service started before PostgreSQL was up has exited and been restarted by its pod
        Map<String, String> restartsBefore = new LinkedHashMap<>();
        SERVICES.forEach(service -> restartsBefore.put(service, restartCount(service)));
        String kafka = stack.container("kafka", "kafka");
        podman.podman(Duration.ofMinutes(2), "stop", "-t", "10", kafka).orThrow();
        Instant stopped = Instant.now();
        // the outage lasts its 45 s whatever the services answer: readiness is sampled meanwhile
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(3)).atMost(KAFKA_OUTAGE.plusMinutes(2))
                .until(() -> {
                    SERVICES.stream().filter(service -> !ready(service)).forEach(seenNotReady::add);
                    return Duration.between(stopped, Instant.now()).compareTo(KAFKA_OUTAGE) >= 0;
                });
        podman.podman(Duration.ofMinutes(2), "start", kafka).orThrow();
        Instant restarted = Instant.now();
        awaitReady(SERVICES, false);
        timings.put("every service ready after Kafka's restart", Duration.between(restarted, Instant.now()));

        Jobs.awaitDone(results, Jobs.acceptedOnceKafkaIsBack(ingest));
        timings.put("Kafka restart to a new job DONE", Duration.between(restarted, Instant.now()));

        assertThat(new TreeSet<>(seenNotReady)).as("services seen NOT READY while Kafka was down")
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String service : SERVICES) {
            assertThat(restartCount(service)).as(service + " restarts during the outage").isEqualTo(restartsBefore.get(service));
        }
    }

    private static String restartCount(String service) {
        return podman.podman(Duration.ofMinutes(1), "inspect", "-f", "{{.RestartCount}}",
                stack.container(KubePlay.podOf(service), service)).orThrow().output().strip();
    }

    @Test
    @Order(4)
    void theRouterReachesARestartedPod() {
        RouterClient router = new RouterClient(stack.hostPort("dashboard"), LOCAL_API_KEY);
        String resultsPod = KubePlay.podOf("results-service");
        String resultsAddress = stack.address(resultsPod);

        Instant restarted = Instant.now();
        // a new pod's new address, as when Kubernetes replaces a pod: the router must resolve it again
        // stop, then start: `pod restart` SIGKILLs what does not stop within 10 s, and once (load 90) its
        // newly started container was killed 11 s later too, leaving the pod exited
        podman.podman(Duration.ofMinutes(3), "pod", "stop", "-t", "60", resultsPod).orThrow();
        podman.podman(Duration.ofMinutes(3), "pod", "start", resultsPod).orThrow();
        // Kubernetes would restart a container that exits on this start; here the test does (restartedIfExited)
        awaitReady(List.of("results-service"), true);
        timings.put("restart to results ready", Duration.between(restarted, Instant.now()));

        assertThat(stack.address(resultsPod)).as("results' address after its pod's restart").isNotEqualTo(resultsAddress);
        Jobs.awaitDone(router, Jobs.accepted(router.submitFeatureVector()));
        timings.put("restart to a job DONE through the router", Duration.between(restarted, Instant.now()));
    }

    private static boolean ready(String service) {
        return status(stack.hostPort(service), "/q/health/ready") == 200;
    }

    /**
     * @param asKubelet whether an exited container is started again, as the kubelet would; not
     *                  while proving that services recover by themselves (the Kafka outage)
     */
    private static void awaitReady(List<String> services, boolean asKubelet) {
        for (String service : services) {
            try {
                await().pollInterval(Duration.ofSeconds(3)).atMost(STACK_READY).alias(service + " ready")
                        .until(() -> ready(service) || asKubelet && restartedIfExited(service));
            } catch (ConditionTimeoutException notReady) {
                printWhy(service);
                throw notReady;
            }
        }
    }

    /**
     * Stands in for the kubelet, which restarts an exited container of a Deployment's pod
     * (restartPolicy Always); podman's own restart policy does not act in this sandbox (no
     * systemd). At most {@link #KUBELET_RESTARTS} times per service and test run, each printed
     * with the container's last words; never true, so the wait goes on for readiness. (Once, after
     * the pod's restart, results' new container exited unseen and the pod stayed down.)
     */
    private static boolean restartedIfExited(String service) {
        String container = stack.container(KubePlay.podOf(service), service);
        String state = podman.podman(Duration.ofMinutes(1), "inspect", "-f", "{{.State.Status}}", container).output().strip();
        if (!Set.of("exited", "stopped").contains(state) || kubeletRestarts.merge(service, 1, Integer::sum) > KUBELET_RESTARTS) {
            return false;
        }
        printWhy(service);
        System.out.println("kube-play: " + service + "'s container had exited; started again, as the kubelet would");
        podman.podman(Duration.ofMinutes(2), "start", container).orThrow();
        return false;
    }

    /** The container's state and last log lines: the pod is removed after the test, and with it what it said. */
    private static void printWhy(String service) {
        String container = stack.container(KubePlay.podOf(service), service);
        System.out.println("kube-play: " + service + " not ready; its pod and container:");
        System.out.println(podman.podman(Duration.ofMinutes(1), "ps", "-a", "--filter", "pod=" + KubePlay.podOf(service),
                "--format", "{{.Names}} {{.Status}}").output());
        System.out.println(podman.podman(Duration.ofMinutes(1), "inspect", "-f",
                "status={{.State.Status}} exit={{.State.ExitCode}} oom={{.State.OOMKilled}} error={{.State.Error}} "
                        + "restarts={{.RestartCount}} health={{.State.Health.Status}}", container).output());
        System.out.println(podman.podman(Duration.ofMinutes(1), "logs", "--tail", "120", container).output());
    }

    /** The status of GET {@code path} on a host port without a key (the health paths need none); -1 when nothing answers. */
    private static int status(int port, String path) {
        try {
            return getWithoutKey(port, path).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private record Answer(int status, String body) {
    }

    /**
     * GET on a connection of its own, closed afterwards, as a probe does: a kept-alive connection
     * (java.net.http pools them) still leads to a restarted pod's old address through podman's port
     * mapping, and every request on it times out while the pod answers on new connections.
     */
    private static Answer getWithoutKey(int port, String path) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            connection.setRequestProperty("Connection", "close");
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Answer(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** The memory (cgroup usage / limit) of every container of the run, for deploy/README.md's figures. */
    private static void printMemory(String moment) {
        String usage = podman.podman(Duration.ofMinutes(1), "stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}")
                .output().lines().filter(line -> stack.pods().stream().anyMatch(pod -> line.startsWith(pod + "-")))
                .sorted().collect(java.util.stream.Collectors.joining("\n"));
        System.out.println("kube-play: memory " + moment + ":\n" + usage);
    }
}
