package io.hitorflop.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image (Dockerfile.native) reads and writes the events and model cards with Jackson by
 * reflection, which GraalVM only allows for the classes listed in the contract's
 * META-INF/native-image reflect-config.json: a record added to the contract must be listed too.
 */
class NativeReflectionConfigTest {

    private static final String CONFIG = "/META-INF/native-image/io.hitorflop/contract/reflect-config.json";

    @Test
    void everyEventModelCardAndFeatureClassIsRegisteredForReflection() throws IOException, URISyntaxException {
        List<String> registered = new ArrayList<>();
        try (InputStream config = NativeReflectionConfigTest.class.getResourceAsStream(CONFIG)) {
            assertThat(config).as(CONFIG).isNotNull();
            for (JsonNode entry : new ObjectMapper().readTree(config)) {
                registered.add(entry.path("name").asText());
            }
        }
        Path classes = Path.of(JobStatus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> serialised = new ArrayList<>();
        for (String pkg : List.of("events", "models", "features", "batches")) {
            try (Stream<Path> files = Files.list(classes.resolve("io/hitorflop/contract").resolve(pkg))) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".class"))
                        .map(name -> "io.hitorflop.contract." + pkg + "." + name.substring(0, name.length() - 6))
                        .filter(name -> !name.endsWith(".ModelNames"))
                        .forEach(serialised::add);
            }
        }
        assertThat(serialised).as("contract classes in " + classes).hasSizeGreaterThan(15);
        assertThat(registered).containsAll(serialised).contains(JobStatus.class.getName());
    }
}
