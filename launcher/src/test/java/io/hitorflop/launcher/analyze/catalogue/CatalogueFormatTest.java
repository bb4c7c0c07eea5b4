package io.hitorflop.launcher.analyze.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueFormatTest {

    @TempDir
    Path directory;

    @Test
    void aCatalogueIsRecognisedByItsExtension() {
        assertThat(CatalogueFormat.ofFileName(Path.of("songs.csv"))).contains(CatalogueFormat.CSV);
        assertThat(CatalogueFormat.ofFileName(Path.of("SONGS.CSV"))).contains(CatalogueFormat.CSV);
        assertThat(CatalogueFormat.ofFileName(Path.of("songs.jsonl"))).contains(CatalogueFormat.JSON_LINES);
        assertThat(CatalogueFormat.ofFileName(Path.of("songs.ndjson"))).contains(CatalogueFormat.JSON_LINES);
        assertThat(CatalogueFormat.ofFileName(Path.of("song.mp3"))).isEmpty();
        assertThat(CatalogueFormat.ofFileName(Path.of("vector.json"))).isEmpty();
    }

    @Test
    void aForcedCatalogueIsJsonLinesWhenItOpensAnObject() throws Exception {
        Path lines = Files.write(directory.resolve("songs.txt"), "\uFEFF\n  {\"url\":\"https://example.org/a.mp3\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        Path csv = Files.writeString(directory.resolve("songs.tsv"), "url\nhttps://example.org/a.mp3\n");

        assertThat(CatalogueFormat.of(lines)).isEqualTo(CatalogueFormat.JSON_LINES);
        assertThat(CatalogueFormat.of(csv)).isEqualTo(CatalogueFormat.CSV);
    }

    @Test
    void theResultsGoNextToTheCatalogueAsCsv() {
        assertThat(new CatalogueFile(directory.resolve("label.jsonl"), CatalogueFormat.JSON_LINES).defaultResults())
                .isEqualTo(new CatalogueFile(directory.resolve("label.results.csv"), CatalogueFormat.CSV));
        assertThat(new CatalogueFile(directory.resolve("catalogue.2026.csv"), CatalogueFormat.CSV).defaultResults().file())
                .isEqualTo(directory.resolve("catalogue.2026.results.csv"));
    }
}
