package io.hitorflop.feature.engine.cli;

import io.hitorflop.feature.engine.cli.FeaturesCommand.Arguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeaturesCommandArgumentsTest {

    @Test
    void jobsDefaultToTheAvailableProcessors() {
        Arguments arguments = Arguments.parse(new String[] {"a.mp3", "songs"});

        assertThat(arguments.jobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(arguments.paths()).containsExactly(Path.of("a.mp3"), Path.of("songs"));
    }

    @Test
    void jobsAnywhereBeforeTheDoubleDashAndAnythingAfterItIsAPath() {
        Arguments arguments = Arguments.parse(new String[] {"a.mp3", "--jobs", "3", "--", "--jobs"});

        assertThat(arguments.jobs()).isEqualTo(3);
        assertThat(arguments.paths()).containsExactly(Path.of("a.mp3"), Path.of("--jobs"));
    }

    @Test
    void refusesJobsBelowOneOrNotANumberOrMissing() {
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--jobs", "0", "a.mp3"})).hasMessageContaining("was 0");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--jobs", "two", "a.mp3"})).hasMessageContaining("was two");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"a.mp3", "--jobs"})).hasMessageContaining("needs a number");
    }

    @Test
    void usageErrorWithoutFiles() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = FeaturesCommand.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: features [--jobs N] [--] <audio file or folder>...");
    }

    @Test
    void usageErrorWhenTheFoldersHoldNoAudio(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = FeaturesCommand.run(new String[] {dir.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no audio files in");
    }
}
