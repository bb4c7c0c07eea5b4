package io.hitorflop.ingest.batch.domain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRowsTest {

    private static List<InputRow> read(BatchFormat format, byte[] bytes) throws Exception {
        List<InputRow> rows = new ArrayList<>();
        try (BatchRows reader = BatchRows.open(format, new ByteArrayInputStream(bytes))) {
            for (InputRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<InputRow> read(BatchFormat format, String text) throws Exception {
        return read(format, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void csvQuotingWithCommasDoubledQuotesAndLineBreaksKeepsEachRowsFirstLine() throws Exception {
        List<InputRow> rows = read(BatchFormat.CSV, "id,title,url\r\n"
                + "1,\"Hello, World\",https://a.example/1.mp3\r\n"
                + "2,\"Say \"\"hi\"\"\nand go\",https://a.example/2.mp3\r\n"
                + "3,Plain,https://a.example/3.mp3\r\n");
        assertThat(rows).extracting(InputRow::line).containsExactly(2, 3, 5);
        assertThat(rows.get(0).values()).containsExactly(Map.entry("id", "1"), Map.entry("title", "Hello, World"),
                Map.entry("url", "https://a.example/1.mp3"));
        assertThat(rows.get(1).values()).containsEntry("title", "Say \"hi\"\nand go");
        assertThat(rows).allMatch(row -> row.unreadable() == null);
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,tempo\n7,120\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(body, 0, file, bom.length, body.length);
        assertThat(read(BatchFormat.CSV, file).get(0).values()).containsEntry("id", "7");
        assertThat(read(BatchFormat.JSON_LINES, "\uFEFF{\"id\":\"7\"}\n").get(0).values()).containsEntry("id", "7");
    }

    @Test
    void aCsvRecordWithAnotherNumberOfFieldsIsAnUnreadableRowAndBlankCellsAreAbsent() throws Exception {
        List<InputRow> rows = read(BatchFormat.CSV, "a,b\n1,2,3\n\n4,\n5\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).unreadable()).isEqualTo("has 3 fields; the header has 2");
        assertThat(rows.get(0).values()).as("the fields the header names are still echoed")
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(rows.get(1).values()).containsExactly(Map.entry("a", "4"));
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(2).unreadable()).isEqualTo("has 1 fields; the header has 2");
    }

    @Test
    void aCsvFileWithoutHeaderOrWithAnUnclosedQuoteIsUnreadable() {
        assertThatThrownBy(() -> read(BatchFormat.CSV, "")).isInstanceOf(UnreadableBatchException.class)
                .hasMessageContaining("no header");
        assertThatThrownBy(() -> read(BatchFormat.CSV, "a,a\n1,2\n")).isInstanceOf(UnreadableBatchException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read(BatchFormat.CSV, "a,b\n1,\"open\n")).isInstanceOf(UnreadableBatchException.class);
    }

    @Test
    void jsonLinesReadEachObjectAndReportABadLineWithoutStopping() throws Exception {
        List<InputRow> rows = read(BatchFormat.JSON_LINES, "{\"id\":1,\"tempo\":120.5,\"title\":null}\r\n"
                + "\n"
                + "{not json}\n"
                + "[1,2]\n"
                + "{\"id\":{\"nested\":true}}\n"
                + "{\"id\":2} {\"id\":3}\n"
                + "{\"id\":4,\"url\":\"https://a.example/x\"}");
        assertThat(rows).extracting(InputRow::line).containsExactly(1, 3, 4, 5, 6, 7);
        assertThat(rows.get(0).values()).containsExactly(Map.entry("id", "1"), Map.entry("tempo", "120.5"));
        assertThat(rows.get(1).unreadable()).startsWith("is not JSON");
        assertThat(rows.get(2).unreadable()).isEqualTo("is not a JSON object");
        assertThat(rows.get(3).unreadable()).contains("'id' is not a string");
        assertThat(rows.get(4).unreadable()).isEqualTo("has data after the JSON object");
        assertThat(rows.get(5).values()).containsEntry("url", "https://a.example/x");
    }

    @Test
    void bytesThatAreNotUtf8MakeTheFileUnreadable() {
        byte[] latin1 = "id\n\u00e9t\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(BatchFormat.CSV, latin1)).isInstanceOf(UnreadableBatchException.class);
        assertThatThrownBy(() -> read(BatchFormat.JSON_LINES, latin1)).isInstanceOf(UnreadableBatchException.class);
    }

    @Test
    void theFormatComesFromTheMediaTypeOrTheFileName() {
        assertThat(BatchFormat.of("text/csv; charset=utf-8", null)).contains(BatchFormat.CSV);
        assertThat(BatchFormat.of("application/x-ndjson", null)).contains(BatchFormat.JSON_LINES);
        assertThat(BatchFormat.of("application/octet-stream", "Catalogue.JSONL")).contains(BatchFormat.JSON_LINES);
        assertThat(BatchFormat.of(null, "tracks.csv")).contains(BatchFormat.CSV);
        assertThat(BatchFormat.of("text/plain", "tracks.txt")).isEmpty();
    }
}
