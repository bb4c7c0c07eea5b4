package io.hitorflop.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The images deploy/build-images.sh builds, under a tag of one test run, so runs never share an image. */
public final class Images {

    /** The images, by their build target (also their compose service and Kubernetes workload image). */
    public static final List<String> NAMES = List.of("ingest-service", "feature-service", "inference-service",
            "results-service", "router");

    private Images() {
    }

    /** deploy/build-images.sh with {@code tag}, never pulling (the base images are local). */
    public static Podman.Result build(Podman podman, Path repository, String tag) {
        return podman.run(Duration.ofMinutes(20), List.of(repository.resolve("deploy/build-images.sh").toString(),
                "--version", tag, "--pull", "never")).orThrow();
    }

    public static String name(String image, String tag) {
        return "localhost/hitorflop/" + image + ":" + tag;
    }

    /** Removes the run's tags (best effort: a missing tag is no failure). */
    public static void remove(Podman podman, String tag) {
        for (String image : NAMES) {
            podman.podman(Duration.ofMinutes(1), "rmi", name(image, tag));
        }
    }
}
