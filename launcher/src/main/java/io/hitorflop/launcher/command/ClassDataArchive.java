package io.hitorflop.launcher.command;

import io.hitorflop.launcher.LauncherException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An AppCDS archive (JEP 350 dynamic archive, JDK 13+) for a child JVM's classpath: the classes
 * a run loaded, parsed and verified once and mapped by the next JVM instead of being read from
 * the jars again. The archive's name carries a digest of the JVM and of every jar's path, size and
 * modification time, so a rebuild or another JDK picks a new name and never meets a stale archive;
 * the run that finds no archive for its digest writes one when it exits (into a temporary file,
 * moved into place only after a clean exit, so a concurrent run never maps half an archive) and
 * the archives of older digests are deleted then. A damaged archive is refused by the JVM, which
 * then runs without it ({@code -Xshare:auto}, the default).
 */
final class ClassDataArchive {

    /**
     * JVM warnings to stderr, never into the child's stdout (its output), and none from CDS: writing
     * an archive lists every class it skips, and a refused archive only costs time.
     */
    static final List<String> WARNINGS_TO_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");

    private final Path archive;
    private final Path pending;

    private ClassDataArchive(Path archive, Path pending) {
        this.archive = archive;
        this.pending = pending;
    }

    /** The archive of {@code name} in {@code directory} for this JVM and these jars. */
    static ClassDataArchive of(Path directory, String name, List<Path> jars) {
        String digest = digest(jars);
        return new ClassDataArchive(directory.resolve(name + "-" + digest + ".jsa"),
                directory.resolve(name + "-" + digest + "." + ProcessHandle.current().pid() + ".tmp"));
    }

    Path path() {
        return archive;
    }

    /** Maps the archive when it exists, else writes a new one when the child exits. */
    List<String> jvmOptions() {
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            return List.of(); // no place for an archive: the command runs without one
        }
        return List.of("-XX:ArchiveClassesAtExit=" + pending);
    }

    /** After the child ran: keeps a newly written archive when the child succeeded, and only then drops older ones. */
    void completed(int exitCode) {
        if (!Files.exists(pending)) {
            return;
        }
        try {
            if (exitCode == 0) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOthers();
            } else {
                Files.delete(pending);
            }
        } catch (IOException | UncheckedIOException e) {
            // an archive is an optimisation: the next run tries again
        }
    }

    private void deleteOthers() throws IOException {
        String prefix = archive.getFileName().toString().replaceFirst("-[0-9a-f]+\\.jsa$", "-");
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(archive.getParent(), prefix + "*.jsa")) {
            for (Path sibling : siblings) {
                if (!sibling.equals(archive)) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private static String digest(List<Path> jars) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n");
            for (Path jar : jars) {
                update(sha, jar.toAbsolutePath() + "\t" + Files.size(jar) + "\t" + Files.getLastModifiedTime(jar).toMillis() + "\n");
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw LauncherException.failed("cannot read " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
