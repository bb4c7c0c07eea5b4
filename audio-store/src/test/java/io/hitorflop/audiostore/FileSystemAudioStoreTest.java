package io.hitorflop.audiostore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemAudioStoreTest {

    @TempDir
    Path work;

    @Test
    void storedAudioIsReadableUnderItsReferenceUntilDeleted() throws Exception {
        FileSystemAudioStore store = new FileSystemAudioStore(work.resolve("store"));
        Path source = Files.write(work.resolve("upload.FLAC"), new byte[] {1, 2, 3});
        UUID jobId = UUID.randomUUID();

        String ref = store.put(jobId, source);

        assertThat(ref).isEqualTo(jobId + ".flac");
        try (LocalAudio audio = store.open(ref)) {
            assertThat(Files.readAllBytes(audio.path())).containsExactly(1, 2, 3);
        }
        assertThat(source).exists();
        store.delete(ref);
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(AudioNotFoundException.class).hasMessageContaining(ref);
        store.delete(ref);
        assertThat(store.directory()).isEmptyDirectory();
    }

    @Test
    void referencesThatCouldEscapeTheDirectoryAreRefused() throws Exception {
        FileSystemAudioStore store = new FileSystemAudioStore(work.resolve("store"));
        Files.writeString(work.resolve("secret.flac"), "x");

        assertThatThrownBy(() -> store.open("../secret.flac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(work.resolve("secret.flac")).exists();
    }

    @Test
    void aFileWithoutExtensionCannotBeStored() throws Exception {
        FileSystemAudioStore store = new FileSystemAudioStore(work.resolve("store"));
        Path source = Files.write(work.resolve("noext"), new byte[] {1});

        assertThatThrownBy(() -> store.put(UUID.randomUUID(), source)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.directory()).isEmptyDirectory();
    }
}
