package io.hitorflop.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization under deploy/ with {@code kubectl kustomize}: the renderer a user runs
 * ({@code kubectl apply -k}). The overlays keep to fields that kustomize v2.0.3 (kubectl 1.20, Debian's
 * kubernetes-client) reads as well as v5, so either kubectl renders them.
 */
public final class Kustomize {

    private Kustomize() {
    }

    /** The repository's root: the first directory upwards from the working directory with a deploy/base. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/base"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/base above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The rendered YAML of {@code deploy/<kustomization>}, e.g. {@code overlays/production}. */
    public static String render(String kustomization) {
        return render(repositoryRoot().resolve("deploy").resolve(kustomization));
    }

    public static String render(Path kustomizationDir) {
        ProcessBuilder command = new ProcessBuilder(kubectl(), "kustomize", kustomizationDir.toString());
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = command.redirectError(errors.toFile()).start();
                byte[] rendered = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " failed: "
                            + Files.readString(errors));
                }
                return new String(rendered, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl (apt-get install kubernetes-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String kubectl() {
        return System.getProperty("kubectl", "kubectl");
    }
}
