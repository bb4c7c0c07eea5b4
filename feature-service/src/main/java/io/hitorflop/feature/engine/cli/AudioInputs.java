package io.hitorflop.feature.engine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files the {@code features} command analyses, in a stable order: each argument in the order
 * given; a folder is replaced by the audio files under it (recursively, by extension, sorted by
 * path). A file named explicitly is kept whatever its extension or even when it does not exist:
 * its analysis reports the problem on its own line.
 */
final class AudioInputs {

    /** Containers and codecs ffmpeg decodes that people keep music in. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("aac", "aif", "aiff", "alac", "ape", "au", "caf", "flac",
            "m4a", "mka", "mp2", "mp3", "mpc", "oga", "ogg", "opus", "spx", "tta", "wav", "wave", "weba", "webm",
            "wma", "wv");

    private AudioInputs() {
    }

    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                files.addAll(audioFilesUnder(argument));
            } else {
                files.add(argument);
            }
        }
        return files;
    }

    static boolean hasAudioExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> audioFilesUnder(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.filter(Files::isRegularFile).filter(AudioInputs::hasAudioExtension).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
