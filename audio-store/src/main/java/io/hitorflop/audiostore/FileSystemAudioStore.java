package io.hitorflop.audiostore;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Audio store backed by a directory that the ingest and feature services both mount. The
 * reference is the file name ({@code <jobId>.<extension>}); names are checked against a strict
 * pattern so a reference read from Kafka can never point outside the directory.
 */
public final class FileSystemAudioStore implements AudioStore {

    private static final Pattern REFERENCE = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[a-z0-9]{1,8}");
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Path directory;

    public FileSystemAudioStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory).toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String put(UUID jobId, Path source) throws IOException {
        String ref = jobId + "." + extensionOf(source);
        Path partial = Files.createTempFile(directory, jobId.toString(), PARTIAL_SUFFIX);
        try {
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(partial, directory.resolve(ref));
        } finally {
            Files.deleteIfExists(partial);
        }
        return ref;
    }

    @Override
    public LocalAudio open(String ref) throws IOException {
        Path file = locate(ref);
        if (!Files.isRegularFile(file)) {
            throw new AudioNotFoundException(ref);
        }
        return new StoredFile(file);
    }

    @Override
    public void delete(String ref) throws IOException {
        try {
            Files.deleteIfExists(locate(ref));
        } catch (NoSuchFileException alreadyGone) {
            // deleted concurrently by another consumer of a redelivered record
        }
    }

    private Path locate(String ref) {
        if (ref == null || !REFERENCE.matcher(ref).matches()) {
            throw new IllegalArgumentException("'" + ref + "' is not a reference of this audio store");
        }
        return directory.resolve(ref);
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!extension.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("stored audio needs a file extension naming its format, got '" + name + "'");
        }
        return extension;
    }

    /** The stored file itself: closing leaves it in place, {@link #delete} removes it. */
    private record StoredFile(Path path) implements LocalAudio {
        @Override
        public void close() {
        }
    }
}
