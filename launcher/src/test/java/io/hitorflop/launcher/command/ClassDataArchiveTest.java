package io.hitorflop.launcher.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void withoutAnArchiveTheChildWritesOneThatIsKeptOnlyAfterACleanExit() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
        ClassDataArchive archive = ClassDataArchive.of(dir.resolve("cds"), "features", List.of(jar));

        List<String> options = archive.jvmOptions();

        assertThat(options).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve("cds"));
        Path pending = Path.of(options.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(pending, "archive");
        archive.completed(1);
        assertThat(pending).doesNotExist();
        assertThat(archive.path()).doesNotExist();

        Files.writeString(pending, "archive");
        archive.completed(0);
        assertThat(pending).doesNotExist();
        assertThat(archive.path()).hasContent("archive");
        assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.path());
    }

    @Test
    void aChangedJarNamesAnotherArchiveAndWritingItDropsTheOldOne() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
        Path other = Files.writeString(dir.resolve("b.jar"), "other");
        ClassDataArchive before = ClassDataArchive.of(dir, "features", List.of(jar, other));
        Files.writeString(before.path(), "old");
        Path unrelated = Files.writeString(dir.resolve("training-0123456789abcdef.jsa"), "kept");

        Files.setLastModifiedTime(other, FileTime.fromMillis(Files.getLastModifiedTime(other).toMillis() + 1000));
        ClassDataArchive after = ClassDataArchive.of(dir, "features", List.of(jar, other));
        assertThat(after.path()).isNotEqualTo(before.path());
        assertThat(ClassDataArchive.of(dir, "features", List.of(jar, other)).path()).isEqualTo(after.path());

        String option = after.jvmOptions().get(0);
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=");
        Files.writeString(Path.of(option.substring(option.indexOf('=') + 1)), "new");
        after.completed(0);

        assertThat(before.path()).doesNotExist();
        assertThat(after.path()).hasContent("new");
        assertThat(unrelated).exists();
    }

    @Test
    void aRunThatWroteNoArchiveLeavesNothingBehind() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
        ClassDataArchive archive = ClassDataArchive.of(dir, "features", List.of(jar));
        archive.jvmOptions();

        archive.completed(0);

        assertThat(archive.path()).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(jar);
        }
    }
}
