package io.hitorflop.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * docker-compose.yml under podman-compose as one project with its own name, image tag and router
 * port, so it cannot meet another run's containers. {@link #close()} removes everything the
 * project made — containers, volumes, its network and the image tags — also after a failure.
 */
public final class ComposeProject implements AutoCloseable {

    private static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(5);

    private final Podman podman;
    private final Path repository;
    private final String name;
    private final String imageTag;

    public ComposeProject(Podman podman, Path repository, String name, String imageTag, int routerPort, Path envFile) {
        this.podman = podman;
        this.repository = repository;
        this.name = name;
        this.imageTag = imageTag;
        podman.environment("HITORFLOP_VERSION", imageTag)
                .environment("HITORFLOP_ROUTER_PORT", Integer.toString(routerPort))
                .environment("HITORFLOP_ENV_FILE", envFile.toString());
    }

    /** deploy/build-images.sh with this project's tag, never pulling (the base images are local). */
    public Podman.Result buildImages() {
        return Images.build(podman, repository, imageTag);
    }

    public Podman.Result up() {
        return compose("up", "-d").orThrow();
    }

    /** The container podman-compose 1.0.3 names {@code <project>_<service>_1}. */
    public String container(String service) {
        return name + "_" + service + "_1";
    }

    private Podman.Result compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-f",
                repository.resolve("docker-compose.yml").toString(), "-p", name));
        command.addAll(Arrays.asList(arguments));
        return podman.run(COMPOSE_TIMEOUT, command);
    }

    /**
     * Removes by label and name rather than trusting {@code podman-compose down} alone: it does not
     * remove what a half-failed {@code up} left, nor the image tags.
     */
    @Override
    public void close() {
        compose("down", "-v", "-t", "5");
        String label = "label=io.podman.compose.project=" + name;
        for (String container : lines(podman.podman(Duration.ofMinutes(1), "ps", "-a", "-q", "--filter", label))) {
            podman.podman(Duration.ofMinutes(1), "rm", "-f", "-t", "0", container);
        }
        // podman-compose 1.0.3 names volumes <project>_<volume>; not every version labels them
        for (String volume : lines(podman.podman(Duration.ofMinutes(1), "volume", "ls", "-q"))) {
            if (volume.startsWith(name + "_")) {
                podman.podman(Duration.ofMinutes(1), "volume", "rm", "-f", volume);
            }
        }
        podman.podman(Duration.ofMinutes(1), "network", "rm", "-f", name + "_default");
        Images.remove(podman, imageTag);
    }

    private static List<String> lines(Podman.Result result) {
        return result.output().lines().map(String::strip).filter(line -> !line.isEmpty() && !line.contains(" ")).toList();
    }

    public String name() {
        return name;
    }

    public Stream<String> javaServices() {
        return Stream.of("ingest", "feature", "inference", "results");
    }
}
