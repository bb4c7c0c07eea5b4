package io.hitorflop.ingest.batch.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of an RFC 4180 CSV file with a header row, read by Jackson's streaming CSV parser (without
 * a schema it gives each record as an array of strings): quoted
 * cells may hold commas, doubled quotes and line breaks; CRLF and LF both end a record; empty
 * lines are skipped. A record with another number of fields than the header is an unreadable row,
 * not an unreadable file.
 */
final class CsvRows implements BatchRows {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_CHARS).build())
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final CsvParser parser;
    private final List<String> columns;
    /** Fields of the record read last, which may be more than the cells kept. */
    private int fieldsInRecord;
    /** The line the record read last starts on: its first field's (the record's own token has none). */
    private int recordLine;

    CsvRows(Reader text) throws UnreadableBatchException {
        try {
            this.parser = (CsvParser) FACTORY.createParser(text);
            parser.setSchema(CsvSchema.emptySchema());
            List<String> header = nextRecord();
            if (header == null || header.stream().allMatch(String::isBlank)) {
                throw new UnreadableBatchException("the CSV file has no header row naming its columns");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                if (name.isEmpty()) {
                    throw new UnreadableBatchException("column " + (i + 1) + " of the header has no name");
                }
                if (!seen.add(name)) {
                    throw new UnreadableBatchException("the header names column '" + name + "' twice");
                }
            }
            this.columns = header.stream().map(String::strip).toList();
        } catch (IOException unreadable) {
            throw unreadable(unreadable);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public InputRow next() throws UnreadableBatchException {
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> cells = cells();
            int line = recordLine;
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(cells.size(), columns.size()); i++) {
                String cell = cells.get(i).strip();
                if (!cell.isEmpty()) {
                    values.put(columns.get(i), cell);
                }
            }
            if (fieldsInRecord != columns.size()) {
                return InputRow.unreadable(line, values, "has " + fieldsInRecord + " fields; the header has "
                        + columns.size());
            }
            return InputRow.read(line, values);
        } catch (IOException unreadable) {
            throw unreadable(unreadable);
        }
    }

    private List<String> nextRecord() throws IOException {
        return parser.nextToken() == JsonToken.START_ARRAY ? cells() : null;
    }

    /** The cells up to the end of the record; past one more than the header's count they are only counted. */
    private List<String> cells() throws IOException {
        List<String> cells = new ArrayList<>();
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new JsonProcessingException("the file ends inside a record") {
                };
            }
            if (count++ == 0) {
                recordLine = parser.currentTokenLocation().getLineNr();
            }
            if (columns == null || cells.size() <= columns.size()) {
                cells.add(parser.getText());
            }
        }
        fieldsInRecord = count;
        return cells;
    }

    private UnreadableBatchException unreadable(IOException cause) {
        String where = parser == null ? "" : " (line " + parser.currentLocation().getLineNr() + ")";
        String why = cause instanceof JsonProcessingException processing ? processing.getOriginalMessage() : cause.getMessage();
        return new UnreadableBatchException("the CSV file cannot be read" + where + ": " + why, cause);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
