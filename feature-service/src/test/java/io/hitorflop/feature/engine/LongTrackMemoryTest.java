package io.hitorflop.feature.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.feature.engine.cli.FeaturesCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 60-minute 44.1 kHz stereo file is analysed by the {@code features} command in a child JVM
 * limited to a 256 MB heap (the engine streams; nothing grows with the sample count), and its
 * spectral DNA stays within 64 KB of JSON.
 */
@Tag("integration")
class LongTrackMemoryTest {

    @TempDir
    Path dir;

    @Test
    void sixtyMinutesIn256MegabytesOfHeap() throws Exception {
        Path file = dir.resolve("hour.flac");
        // a 220 Hz tone with a beep every second over light noise; FLAC level 0 is the fastest to write
        TestAudio.ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:beep_factor=4:sample_rate=44100:duration=3600",
                "-f", "lavfi", "-i", "anoisesrc=sample_rate=44100:duration=3600:amplitude=0.02",
                "-filter_complex", "[0][1]amix=inputs=2,aformat=channel_layouts=stereo",
                "-c:a", "flac", "-compression_level", "0", file.toString());

        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), FeaturesCommand.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();

        assertThat(child.exitValue()).as("exit status of the -Xmx256m child").isZero();
        JsonNode result = new ObjectMapper().readTree(new String(output, StandardCharsets.UTF_8));
        assertThat(result.path("problem").isMissingNode()).as("no problem: %s", result.path("problem")).isTrue();
        assertThat(result.path("features").path("duration_ms").asDouble()).isEqualTo(3_600_000.0);
        assertThat(result.path("features").path("tempo").asDouble()).isBetween(59.0, 61.0);
        assertThat(new ObjectMapper().writeValueAsBytes(result.path("dna")).length).isLessThanOrEqualTo(64 * 1024);
    }
}
