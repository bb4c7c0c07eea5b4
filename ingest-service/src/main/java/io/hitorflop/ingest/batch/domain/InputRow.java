package io.hitorflop.ingest.batch.domain;

import java.util.Map;

/**
 * One data row of a batch file as read.
 *
 * @param line       the input line it starts on (1 is a CSV file's header)
 * @param values     its values by column, in column order; blank cells are absent
 * @param unreadable why the row could not be read (a JSON line that is not an object, a CSV
 *                   record with another number of fields than the header); null when it was read
 */
public record InputRow(int line, Map<String, String> values, String unreadable) {

    public static InputRow read(int line, Map<String, String> values) {
        return new InputRow(line, values, null);
    }

    public static InputRow unreadable(int line, String why) {
        return new InputRow(line, Map.of(), why);
    }

    /** A row that cannot be scored but whose {@code values} could be read (and are echoed). */
    public static InputRow unreadable(int line, Map<String, String> values, String why) {
        return new InputRow(line, values, why);
    }
}
