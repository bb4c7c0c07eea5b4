package io.hitorflop.feature.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.features.FeatureSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class FeaturesCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void printsOneJsonObjectPerFileWithProblemsForBadOnes() throws Exception {
        Path song = dir.resolve("beeps.ogg");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:beep_factor=3:sample_rate=48000:duration=12",
                "-ac", "2", "-c:a", "libvorbis", song.toString());
        Path text = Files.writeString(dir.resolve("readme.wav"), "not audio");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = FeaturesCommand.run(new String[] {song.toString(), text.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).isEqualTo(1);
        assertThat(lines).hasSize(2);

        JsonNode ok = json.readTree(lines.get(0));
        assertThat(fieldNames(ok.get("features"))).containsExactlyElementsOf(FeatureSet.AUDIO.names());
        assertThat(ok.at("/features/duration_ms").asDouble()).isEqualTo(12_000.0);
        assertThat(ok.at("/features/tempo").asDouble()).isBetween(59.0, 61.0);
        assertThat(ok.at("/descriptors/sample_rate_hz").asDouble()).isEqualTo(48_000.0);
        SpectralDna dna = json.treeToValue(ok.get("dna"), SpectralDna.class);
        assertThat(Base64.getDecoder().decode(dna.melSpectrogram())).hasSize(dna.melBands() * dna.columns());
        assertThat(dna.chroma()).hasSize(12);
        assertThat(dna.loudnessPerSecond()).hasSize(12);
        assertThat(dna.beats()).isNotEmpty();

        JsonNode bad = json.readTree(lines.get(1));
        assertThat(bad.at("/problem/type").asText()).isEqualTo("https://hitorflop.io/problems/unsupported-audio");
        assertThat(bad.at("/problem/status").asInt()).isEqualTo(422);
        assertThat(bad.at("/problem/detail").asText()).startsWith("ffmpeg: ");
    }

    @Test
    void aFolderIsAnalysedInParallelInPathOrderAndABrokenFileFailsOnlyItsOwnLine() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:beep_factor=2:sample_rate=44100:duration=4",
                "-c:a", "pcm_s16le", album.resolve("1-tone.wav").toString());
        Files.writeString(album.resolve("2-broken.mp3"), "not audio");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:beep_factor=3:sample_rate=48000:duration=6",
                "-c:a", "flac", album.resolve("3-beeps.flac").toString());
        Files.writeString(album.resolve("cover.txt"), "not listed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = FeaturesCommand.run(new String[] {"--jobs", "3", album.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(json.readTree(line));
        }
        assertThat(status).isEqualTo(1);
        assertThat(lines).extracting(line -> Path.of(line.get("file").asText()).getFileName().toString())
                .containsExactly("1-tone.wav", "2-broken.mp3", "3-beeps.flac");
        assertThat(lines.get(0).at("/features/duration_ms").asDouble()).isEqualTo(4_000.0);
        assertThat(lines.get(1).at("/problem/type").asText()).isEqualTo("https://hitorflop.io/problems/unsupported-audio");
        assertThat(lines.get(2).at("/features/duration_ms").asDouble()).isEqualTo(6_000.0);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("features: 3 files (1 failed), 0.2 audio minutes in ")
                .contains("per audio minute", "3 jobs");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
    }
}
