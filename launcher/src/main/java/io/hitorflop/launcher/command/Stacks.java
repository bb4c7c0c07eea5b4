package io.hitorflop.launcher.command;

import io.hitorflop.launcher.Replicas;
import io.hitorflop.launcher.build.PackagedApps;
import io.hitorflop.launcher.stack.LocalStack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code up} and {@code analyze} share: the stack of this state directory, and how to start it. */
final class Stacks {

    private Stacks() {
    }

    static LocalStack of(HitOrFlop launcher) {
        return new LocalStack(launcher.settings(), launcher.err());
    }

    /**
     * Starts the stack (building and snapshotting the programs first when something has to start);
     * {@code replicas} empty: keep what runs, else one instance each.
     */
    static void up(HitOrFlop launcher, LocalStack stack, Optional<String> postgresUrl, Optional<Replicas> replicas) {
        stack.up(postgresUrl, replicas, () -> PackagedApps.prepare(launcher.settings(), launcher.err(), launcherJar(launcher.root())));
    }

    /** The jar this launcher runs from (the shim's launcher/target/launcher.jar). */
    private static Path launcherJar(Path root) {
        try {
            Path running = Path.of(HitOrFlop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(running) ? running : root.resolve("launcher/target/launcher.jar");
        } catch (URISyntaxException e) {
            return root.resolve("launcher/target/launcher.jar");
        }
    }
}
