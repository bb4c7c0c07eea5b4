package io.hitorflop.launcher.stack;

import io.hitorflop.launcher.Component;
import java.nio.file.Path;

/**
 * Where the stack's programs are: {@code <dir>/<service>/quarkus-run.jar} for each service and
 * {@code <dir>/launcher/launcher.jar} (with its {@code lib/}) for Kafka, PostgreSQL and the router.
 */
public record AppLayout(Path dir) {

    public Path serviceJar(Component service) {
        return dir.resolve(service.id()).resolve("quarkus-run.jar");
    }

    public Path launcherJar() {
        return dir.resolve("launcher").resolve("launcher.jar");
    }
}
