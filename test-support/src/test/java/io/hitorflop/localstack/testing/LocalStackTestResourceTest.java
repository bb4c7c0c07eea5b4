package io.hitorflop.localstack.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class LocalStackTestResourceTest {

    /** Build tools run several test JVMs at once (modules in parallel); each must get its own servers. */
    @Test
    void twoTestJvmsStartedTogetherGetTheirOwnServersAndCleanUp() throws Exception {
        List<String> before = stateDirectories();
        List<Process> probes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            probes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SharedStackProbe.class.getName())
                    .redirectErrorStream(true)
                    .start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process probe : probes) {
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.exitValue()).as(output).isZero();
            outputs.add(output);
        }

        assertThat(outputs).allSatisfy(output -> assertThat(output).contains("query=1"));
        assertThat(line(outputs.get(0), "kafka=")).isNotEqualTo(line(outputs.get(1), "kafka="));
        assertThat(line(outputs.get(0), "postgres=")).isNotEqualTo(line(outputs.get(1), "postgres="));
        assertThat(stateDirectories()).as("state left behind").isEqualTo(before);
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static List<String> stateDirectories() throws IOException {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(target)) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("local-stack-"))
                    .sorted()
                    .toList();
        }
    }
}
