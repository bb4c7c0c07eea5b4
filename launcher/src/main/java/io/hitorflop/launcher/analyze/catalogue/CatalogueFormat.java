package io.hitorflop.launcher.analyze.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The two encodings of a catalogue and of its results file, as the batch API names them. */
public enum CatalogueFormat {
    CSV("text/csv", List.of(".csv")),
    JSON_LINES("application/x-ndjson", List.of(".jsonl", ".ndjson"));

    private final String mediaType;
    private final List<String> extensions;

    CatalogueFormat(String mediaType, List<String> extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension a file written in this format gets. */
    public String extension() {
        return extensions.get(0);
    }

    /** The format a file's extension names (case-insensitive), if any: what makes {@code analyze} treat it as a catalogue. */
    public static Optional<CatalogueFormat> ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.extensions.stream().anyMatch(name::endsWith)).findFirst();
    }

    /**
     * The format of a file forced to be a catalogue ({@code --catalogue}) whatever its name: its
     * extension when it names one, else JSON Lines when the first character that is not white space
     * (after a UTF-8 byte order mark) opens an object, CSV otherwise.
     */
    public static CatalogueFormat of(Path file) throws IOException {
        Optional<CatalogueFormat> named = ofFileName(file);
        if (named.isPresent()) {
            return named.get();
        }
        try (InputStream in = Files.newInputStream(file)) {
            for (int c = in.read(); c != -1; c = in.read()) {
                if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) {
                    return c == '{' ? JSON_LINES : CSV;
                }
            }
        }
        return CSV;
    }

    /** The file name without the extension that names this format, e.g. {@code catalogue} for {@code catalogue.csv}. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        return ofFileName(file).flatMap(format -> format.extensions.stream()
                        .filter(extension -> name.toLowerCase(Locale.ROOT).endsWith(extension))
                        .findFirst()
                        .map(extension -> name.substring(0, name.length() - extension.length())))
                .orElse(name);
    }
}
