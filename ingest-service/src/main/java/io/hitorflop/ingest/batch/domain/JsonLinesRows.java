package io.hitorflop.ingest.batch.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of a JSON Lines file (jsonlines.org): each non-blank line is one flat JSON object whose
 * values are strings, numbers, booleans or null (null is an absent value). A line that is not such
 * an object is an unreadable row; the next line is read as usual. Lines end with LF or CRLF.
 */
final class JsonLinesRows implements BatchRows {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).maxNumberLength(64).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Reader text;
    private final Set<String> columns = new LinkedHashSet<>();
    private final StringBuilder line = new StringBuilder();
    private int lineNumber;
    private boolean ended;

    JsonLinesRows(Reader text) {
        this.text = text;
    }

    @Override
    public List<String> columns() {
        return new ArrayList<>(columns);
    }

    @Override
    public InputRow next() throws UnreadableBatchException {
        while (readLine()) {
            if (!line.toString().isBlank()) {
                return parse(line.toString());
            }
        }
        return null;
    }

    private InputRow parse(String object) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(object)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return InputRow.unreadable(lineNumber, "is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    return InputRow.unreadable(lineNumber, "'" + name + "' is not a string, number or boolean");
                }
                if (value != JsonToken.VALUE_NULL && !parser.getText().isBlank()) {
                    values.put(name, parser.getText().strip());
                }
            }
            if (parser.nextToken() != null) {
                return InputRow.unreadable(lineNumber, "has data after the JSON object");
            }
        } catch (JsonProcessingException malformed) {
            return InputRow.unreadable(lineNumber, "is not JSON: " + malformed.getOriginalMessage());
        } catch (IOException impossible) {
            throw new IllegalStateException("reading a string cannot fail", impossible);
        }
        columns.addAll(values.keySet());
        return InputRow.read(lineNumber, values);
    }

    /** Reads the next line into {@code line}; false at the end of the file. */
    private boolean readLine() throws UnreadableBatchException {
        if (ended) {
            return false;
        }
        line.setLength(0);
        lineNumber++;
        try {
            for (int c = text.read(); ; c = text.read()) {
                if (c < 0) {
                    ended = true;
                    return !line.isEmpty();
                }
                if (c == '\n') {
                    if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                        line.setLength(line.length() - 1);
                    }
                    return true;
                }
                if (line.length() == MAX_LINE_CHARS) {
                    throw new UnreadableBatchException("line " + lineNumber + " is longer than " + MAX_LINE_CHARS
                            + " characters");
                }
                line.append((char) c);
            }
        } catch (IOException unreadable) {
            throw new UnreadableBatchException("the file is not UTF-8 text (line " + lineNumber + "): "
                    + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
