package io.hitorflop.feature.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AudioInputsTest {

    @TempDir
    Path dir;

    @Test
    void foldersBecomeTheirAudioFilesRecursivelyInPathOrderAndNamedFilesStayWhereTheyAre() throws IOException {
        Path album = Files.createDirectories(dir.resolve("album"));
        Path b = touch(album.resolve("b.MP3"));
        Path a = touch(album.resolve("a.flac"));
        Path nested = touch(Files.createDirectories(album.resolve("disc 2")).resolve("c.ogg"));
        touch(album.resolve("cover.jpg"));
        touch(album.resolve("notes.txt"));
        touch(album.resolve(".wav"));
        Path single = touch(dir.resolve("single.wav"));
        Path namedText = touch(dir.resolve("readme.txt"));
        Path missing = dir.resolve("missing.mp3");

        List<Path> files = AudioInputs.expand(List.of(single, album, namedText, missing));

        assertThat(files).containsExactly(single, a, b, nested, namedText, missing);
    }

    @Test
    void aFolderWithoutAudioGivesNothing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("pictures"));
        touch(empty.resolve("cover.png"));

        assertThat(AudioInputs.expand(List.of(empty))).isEmpty();
    }

    @Test
    void extensionsAreMatchedWithoutCase() {
        assertThat(AudioInputs.hasAudioExtension(Path.of("x/Song.Opus"))).isTrue();
        assertThat(AudioInputs.hasAudioExtension(Path.of("x/song.wav.txt"))).isFalse();
        assertThat(AudioInputs.hasAudioExtension(Path.of("x/flac"))).isFalse();
    }

    private static Path touch(Path file) throws IOException {
        return Files.writeString(file, "x");
    }
}
