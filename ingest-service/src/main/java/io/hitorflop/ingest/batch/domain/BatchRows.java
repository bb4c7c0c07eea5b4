package io.hitorflop.ingest.batch.domain;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The data rows of a batch file, read one at a time (the file is never held in memory). A UTF-8
 * byte order mark at the start is skipped; bytes that are not UTF-8 make the file unreadable.
 */
public interface BatchRows extends Closeable {

    /** Longest line (CSV record or JSON object) read; a longer one makes the file unreadable, bounding memory. */
    int MAX_LINE_CHARS = 64 * 1024;

    /** The next row, or null at the end. */
    InputRow next() throws UnreadableBatchException;

    /** The columns seen so far in first-seen order (a CSV file's header; a JSON Lines file's keys). */
    java.util.List<String> columns();

    static BatchRows open(BatchFormat format, InputStream in) throws UnreadableBatchException {
        Reader text = withoutByteOrderMark(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))));
        return format == BatchFormat.CSV ? new CsvRows(text) : new JsonLinesRows(text);
    }

    private static Reader withoutByteOrderMark(BufferedReader reader) throws UnreadableBatchException {
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (IOException unreadable) {
            throw new UnreadableBatchException("the file is not UTF-8 text: " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    void close() throws IOException;
}
