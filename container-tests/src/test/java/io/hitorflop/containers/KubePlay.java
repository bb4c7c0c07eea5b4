package io.hitorflop.containers;

import io.hitorflop.localstack.FreePort;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * deploy/overlays/local as rendered by {@code kubectl kustomize}, run with {@code podman kube play}
 * (podman 4.3). kube play plays Pods, Deployments, ConfigMaps and PersistentVolumeClaims; what it
 * lacks, this class stands in for:
 * <ul>
 * <li>Services and cluster DNS: every pod joins one podman network of this run with the dnsname
 * plugin, where a pod's own name resolves; that is why the overlay's Kafka and PostgreSQL are Pods
 * named {@code kafka} and {@code postgres}. A Deployment's one pod is {@code <name>-pod-0}, so an
 * environment value naming a Deployment's Service ({@code <name>:<port>}, the dashboard's router
 * upstreams) is rewritten to that pod's name. The test talks to each service on its own host port,
 * and to the API through the dashboard pod's router.</li>
 * <li>Secrets: kube play 4.3 stores a played Secret as YAML but reads a {@code secretKeyRef} as a
 * JSON object of base64 values, so a played Secret is never found; each Secret's {@code data} is
 * created as a podman secret of that shape instead.</li>
 * <li>Host ports: every container port is published on 127.0.0.1 (the overlay says so); this class
 * replaces each {@code hostPort} with a free one.</li>
 * <li>Probes: kube play turns a liveness probe into a health check that restarts the container
 * when it fails, run by a systemd timer, which this sandbox has not, so no liveness check runs
 * here. Readiness and startup probes it ignores: the test asks {@code /q/health/ready} itself.</li>
 * </ul>
 * Gateway, HTTPRoute, PodDisruptionBudget and Namespace are skipped by kube play and here.
 * {@link #close()} removes every pod, volume, secret, the network and the image tags, also after a
 * failure; the names are those of the overlay (kube play cannot prefix them), so two runs on one
 * machine must not overlap.
 */
public final class KubePlay implements AutoCloseable {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PLAY_TIMEOUT = Duration.ofMinutes(5);
    /** An environment value that is a Service's address, {@code <service>:<port>}. */
    private static final Pattern SERVICE_ADDRESS = Pattern.compile("([a-z0-9-]+):(\\d+)");

    private final Podman podman;
    private final Path repository;
    private final String imageTag;
    private final String network;
    private final Path playFile;
    private final Map<String, Integer> hostPorts = new LinkedHashMap<>();
    private final List<String> pods = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    public KubePlay(Podman podman, Path repository, String imageTag, String network) {
        this.podman = podman;
        this.repository = repository;
        this.imageTag = imageTag;
        this.network = network;
        this.playFile = podman.workDirectory().resolve("kube-play.yaml");
    }

    /** Renders the overlay, creates the secrets and the network, and plays the workloads. */
    public void play() {
        List<JsonNode> manifests = render();
        Set<String> deployments = manifests.stream().filter(manifest -> manifest.path("kind").asText().equals("Deployment"))
                .map(manifest -> manifest.path("metadata").path("name").asText()).collect(Collectors.toSet());
        List<JsonNode> played = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            switch (manifest.path("kind").asText()) {
                case "Secret" -> createSecret(manifest);
                case "Deployment" -> played.add(workload(manifest, podOf(manifest.path("metadata").path("name").asText()),
                        (ObjectNode) manifest.path("spec").path("template").path("spec"), deployments));
                case "Pod" -> played.add(workload(manifest, manifest.path("metadata").path("name").asText(),
                        (ObjectNode) manifest.path("spec"), deployments));
                case "ConfigMap" -> played.add(manifest);
                case "PersistentVolumeClaim" -> {
                    volumes.add(manifest.path("metadata").path("name").asText());
                    played.add(manifest);
                }
                default -> { } // Namespace, Service, PodDisruptionBudget: kube play has no use for them
            }
        }
        try {
            StringBuilder yaml = new StringBuilder();
            for (JsonNode manifest : played) {
                yaml.append("---\n").append(YAML.writeValueAsString(manifest).replaceFirst("^---\n", ""));
            }
            Files.writeString(playFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        podman.podman(Duration.ofMinutes(1), "network", "create", network).orThrow();
        podman.podman(PLAY_TIMEOUT, "kube", "play", "--network", network, playFile.toString()).orThrow();
    }

    /** The host port (on 127.0.0.1) of a workload's one container port. */
    public int hostPort(String workload) {
        Integer port = hostPorts.get(workload);
        if (port == null) {
            throw new IllegalArgumentException("no workload " + workload + " in " + hostPorts.keySet());
        }
        return port;
    }

    /** The pods played: {@code <deployment>-pod-0} and the bare Pods' names. */
    public List<String> pods() {
        return List.copyOf(pods);
    }

    /** kube play names a pod's container {@code <pod>-<container>}. */
    public String container(String pod, String container) {
        return pod + "-" + container;
    }

    /** kube play names a Deployment's one pod {@code <deployment>-pod-0}. */
    public static String podOf(String deployment) {
        return deployment + "-pod-0";
    }

    /** The pod's address on the run's network (its infra container's). */
    public String address(String pod) {
        String infra = podman.podman(Duration.ofMinutes(1), "pod", "inspect", "--format", "{{.InfraContainerID}}", pod)
                .orThrow().output().strip();
        return podman.podman(Duration.ofMinutes(1), "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", infra).orThrow().output().strip();
    }

    private List<JsonNode> render() {
        Podman.Result rendered = podman.run(Duration.ofMinutes(1),
                List.of("kubectl", "kustomize", repository.resolve("deploy/overlays/local").toString())).orThrow();
        try {
            return YAML.readValues(YAML.createParser(rendered.output().replaceAll("(?m)^# Warning:.*$", "")), JsonNode.class)
                    .readAll().stream().filter(node -> node != null && node.isObject() && !node.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode workload(JsonNode manifest, String podName, ObjectNode podSpec, Set<String> deployments) {
        pods.add(podName);
        for (JsonNode container : podSpec.path("containers")) {
            for (JsonNode variable : container.path("env")) {
                Matcher service = SERVICE_ADDRESS.matcher(variable.path("value").asText());
                if (service.matches() && deployments.contains(service.group(1))) {
                    ((ObjectNode) variable).put("value", podOf(service.group(1)) + ":" + service.group(2));
                }
            }
            String image = container.path("image").asText();
            if (image.startsWith("localhost/hitorflop/")) {
                ((ObjectNode) container).put("image", image.substring(0, image.lastIndexOf(':') + 1) + imageTag);
            }
            for (JsonNode port : container.path("ports")) {
                int free = FreePort.pick();
                ((ObjectNode) port).put("hostPort", free).put("hostIP", "127.0.0.1");
                hostPorts.put(manifest.path("metadata").path("name").asText(), free);
            }
        }
        for (JsonNode volume : podSpec.path("volumes")) {
            if (volume.has("emptyDir")) {
                volumes.add(volume.path("name").asText());
            }
        }
        return manifest;
    }

    private void createSecret(JsonNode secret) {
        String name = secret.path("metadata").path("name").asText();
        ObjectNode data = JSON.createObjectNode();
        secret.path("data").fields().forEachRemaining(entry ->
                data.put(entry.getKey(), entry.getValue().asText().replaceAll("\\s", "")));
        try {
            Path file = Files.writeString(podman.workDirectory().resolve("secret-" + name + ".json"), JSON.writeValueAsString(data));
            podman.podman(Duration.ofMinutes(1), "secret", "create", name, file.toString()).orThrow();
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        secrets.add(name);
    }

    @Override
    public void close() {
        if (Files.exists(playFile)) {
            podman.podman(PLAY_TIMEOUT, "kube", "play", "--down", playFile.toString());
        }
        for (String pod : pods) {
            podman.podman(Duration.ofMinutes(1), "pod", "rm", "-f", "--ignore", pod);
        }
        for (String volume : volumes) {
            podman.podman(Duration.ofMinutes(1), "volume", "rm", "-f", volume);
        }
        for (String secret : secrets) {
            podman.podman(Duration.ofMinutes(1), "secret", "rm", secret);
        }
        podman.podman(Duration.ofMinutes(1), "network", "rm", "-f", network);
    }

}
