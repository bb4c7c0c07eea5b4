package io.hitorflop.training.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the pipeline reads and writes, relative to the repository root. */
public record RepoLayout(Path root) {

    /** The repository root: the working directory or the nearest parent holding training/data. */
    public static RepoLayout locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("training").resolve("data"))) {
                return new RepoLayout(candidate);
            }
        }
        throw new IllegalStateException("run from inside the HitOrFlop repository (no training/data above " + dir + ")");
    }

    public Path data() {
        return root.resolve("training/data");
    }

    public Path trainingSources() {
        return root.resolve("training");
    }

    public Path models() {
        return root.resolve("inference-service/src/main/resources/models");
    }

    /** Held-back rows with the probability training computed for them, for inference's parity test. */
    public Path paritySamples() {
        return root.resolve("inference-service/src/test/resources/parity");
    }

    public Path docs() {
        return root.resolve("docs");
    }
}
