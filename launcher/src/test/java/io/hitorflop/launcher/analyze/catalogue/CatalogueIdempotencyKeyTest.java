package io.hitorflop.launcher.analyze.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueIdempotencyKeyTest {

    @TempDir
    Path directory;

    @Test
    void theSameContentAndOptionsGiveTheSameKeyWhateverTheFilesName() throws Exception {
        Path first = Files.writeString(directory.resolve("a.csv"), "id,url\n1,https://example.org/a.mp3\n");
        Path copy = Files.copy(first, directory.resolve("b.csv"));

        String key = CatalogueIdempotencyKey.of(first, BatchOptions.DEFAULTS);

        assertThat(CatalogueIdempotencyKey.of(first, BatchOptions.DEFAULTS)).isEqualTo(key);
        assertThat(CatalogueIdempotencyKey.of(copy, BatchOptions.DEFAULTS)).isEqualTo(key);
        // ingest's rule: 1-255 printable ASCII characters
        assertThat(key).matches("catalogue-sha256-[0-9a-f]{64}").hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void anotherByteOrOtherOptionsAreAnotherKey() throws Exception {
        Path file = Files.writeString(directory.resolve("a.csv"), "id,url\n1,https://example.org/a.mp3\n");
        Path changed = Files.writeString(directory.resolve("b.csv"), "id,url\n1,https://example.org/b.mp3\n");
        String key = CatalogueIdempotencyKey.of(file, BatchOptions.DEFAULTS);

        assertThat(CatalogueIdempotencyKey.of(changed, BatchOptions.DEFAULTS)).isNotEqualTo(key);
        assertThat(CatalogueIdempotencyKey.of(file, new BatchOptions(Optional.empty(), true, Optional.empty()))).isNotEqualTo(key);
        assertThat(CatalogueIdempotencyKey.of(file, new BatchOptions(Optional.of("spotify"), false, Optional.empty())))
                .isNotEqualTo(key);
    }
}
