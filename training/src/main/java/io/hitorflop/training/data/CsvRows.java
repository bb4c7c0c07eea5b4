package io.hitorflop.training.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads a headed RFC 4180 CSV, gzip-compressed or plain, into one map per row. */
public final class CsvRows {

    public static List<Map<String, String>> read(Path file) {
        try (InputStream in = open(file)) {
            CsvMapper mapper = new CsvMapper();
            try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(in)) {
                List<Map<String, String>> all = new ArrayList<>();
                rows.forEachRemaining(all::add);
                return all;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The bytes of the CSV itself (decompressed), which is what the card's data sha256 covers. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    static float number(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("column '" + column + "' is missing or empty in row " + row);
        }
        return Float.parseFloat(value.trim());
    }

    private CsvRows() {
    }
}
