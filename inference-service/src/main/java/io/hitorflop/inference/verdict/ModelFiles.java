package io.hitorflop.inference.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads model sets from a directory, or from the models packaged in the service when none is configured. */
public record ModelFiles(Optional<Path> directory) {

    private static final String PACKAGED = "models/";

    byte[] read(String relativePath) throws IOException {
        if (directory.isPresent()) {
            return Files.readAllBytes(directory.get().resolve(relativePath));
        }
        try (InputStream packaged = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(PACKAGED + relativePath)) {
            if (packaged == null) {
                throw new NoSuchFileException("classpath:" + PACKAGED + relativePath);
            }
            return packaged.readAllBytes();
        }
    }

    String describe(String relativePath) {
        return directory.map(dir -> dir.resolve(relativePath).toString()).orElse("classpath:" + PACKAGED + relativePath);
    }
}
