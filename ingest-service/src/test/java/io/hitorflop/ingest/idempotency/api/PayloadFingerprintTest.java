package io.hitorflop.ingest.idempotency.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadFingerprintTest {

    @TempDir
    Path dir;

    /**
     * File "A" named "x-1:" and file "A4:x" without a name: with only the parameters
     * length-prefixed, both hash "A" "4:x-1:" "-1:" = "A4:x" "-1:" "-1:", the same bytes.
     */
    @Test
    void bytesCannotMoveBetweenTheFileAndTheName() throws Exception {
        Path shortFile = Files.writeString(dir.resolve("short"), "A");
        Path longFile = Files.writeString(dir.resolve("long"), "A4:x");
        assertThat("A" + "4:x-1:" + "-1:").isEqualTo("A4:x" + "-1:" + "-1:");

        assertThat(PayloadFingerprint.ofUpload(shortFile, "x-1:", null))
                .isNotEqualTo(PayloadFingerprint.ofUpload(longFile, null, null));
    }

    @Test
    void theSameUploadHasTheSameFingerprint() throws Exception {
        Path file = Files.writeString(dir.resolve("song"), "audio bytes");

        assertThat(PayloadFingerprint.ofUpload(file, "song.mp3", "https://me.example/hook"))
                .isEqualTo(PayloadFingerprint.ofUpload(file, "song.mp3", "https://me.example/hook"))
                .isNotEqualTo(PayloadFingerprint.ofUpload(file, "song.mp3", null))
                .isNotEqualTo(PayloadFingerprint.ofUpload(file, "song.mp", "3https://me.example/hook"));
    }
}
