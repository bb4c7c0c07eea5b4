package io.hitorflop.launcher.command;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive's options with a real child JVM: made, then mapped, and a damaged one never breaks the run. */
@Tag("integration")
class ClassDataArchiveJvmTest {

    private static final String MAIN = ArchivedHello.class.getName();

    @TempDir
    Path dir;

    @Test
    void theFirstRunWritesTheArchiveTheNextMapsItAndADamagedOneIsIgnored() throws Exception {
        Path jar = jarOfMain();
        ClassDataArchive archive = ClassDataArchive.of(dir.resolve("cds"), "hello", List.of(jar));

        Run first = run(archive, jar);
        archive.completed(first.exit);
        assertThat(first.exit).isZero();
        assertThat(first.out).isEqualTo("hello\n");
        assertThat(archive.path()).isNotEmptyFile();

        Run mapped = run(archive, jar);
        assertThat(mapped.exit).isZero();
        assertThat(mapped.out).isEqualTo("hello\n");
        assertThat(mapped.err).contains(MAIN + " source: shared objects file (top)");

        Files.write(archive.path(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Run damaged = run(archive, jar);
        assertThat(damaged.exit).isZero();
        assertThat(damaged.out).isEqualTo("hello\n");
        assertThat(damaged.err).doesNotContain(MAIN + " source: shared objects file");
    }

    private Path jarOfMain() throws IOException {
        Path jar = dir.resolve("hello.jar");
        String entry = MAIN.replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream classFile = ArchivedHello.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static Run run(ClassDataArchive archive, Path jar) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ClassDataArchive.WARNINGS_TO_STDERR);
        command.add("-Xlog:class+load=info:stderr");
        command.addAll(archive.jvmOptions());
        command.addAll(List.of("-cp", jar.toString(), MAIN));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread errors = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
        errors.start();
        streams[0] = readAll(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errors.join();
        return new Run(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(int exit, String out, String err) {
    }
}
