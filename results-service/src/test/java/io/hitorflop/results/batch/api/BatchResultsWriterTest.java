package io.hitorflop.results.batch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.results.batch.persistence.BatchResultRows.ResultRow;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BatchResultsWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID JOB = UUID.fromString("3f0c5c1e-8a43-4c8e-9d61-0b1f7c2e9a11");
    private static final String VOTES = "[{\"model\":\"random_forest\",\"label\":\"HIT\",\"probability\":0.8},"
            + "{\"model\":\"xgboost\",\"label\":\"HIT\",\"probability\":0.7},"
            + "{\"model\":\"ada_boost\",\"label\":\"FLOP\",\"probability\":0.4},"
            + "{\"model\":\"knn\",\"label\":\"HIT\",\"probability\":0.6},"
            + "{\"model\":\"decision_tree\",\"label\":\"FLOP\",\"probability\":0.3}]";

    private static final List<ResultRow> ROWS = List.of(
            new ResultRow(2, "{\"id\":\"a\",\"title\":\"Hello, \\\"World\\\"\"}", JOB, "DONE", "HIT", 0.62, VOTES, null,
                    null, "[{\"feature\":\"energy\",\"contribution\":0.1}]"),
            new ResultRow(3, "{\"id\":\"b\"}", null, null, null, null, null,
                    "https://hitorflop.io/problems/invalid-features", "tempo is missing", null),
            new ResultRow(4, "{}", UUID.randomUUID(), null, null, null, null, null, null, null));

    private static String write(ResultFormat format, boolean explanation) throws Exception {
        StringWriter out = new StringWriter();
        BatchResultsWriter writer = new BatchResultsWriter(JSON, format, List.of("id", "title"), explanation, out);
        writer.header();
        for (ResultRow row : ROWS) {
            writer.row(row);
        }
        return out.toString();
    }

    @Test
    void csvHasOneQuotedRecordPerRowWithTheVotesInModelOrder() throws Exception {
        assertThat(write(ResultFormat.CSV, false).split("\r\n", -1)).containsExactly(
                "line,id,title,jobId,status,label,probability,random_forest,xgboost,ada_boost,knn,decision_tree,"
                        + "problemType,detail",
                "2,a,\"Hello, \"\"World\"\"\"," + JOB + ",DONE,HIT,0.62,HIT,HIT,FLOP,HIT,FLOP,,",
                "3,b,,,REJECTED,,,,,,,,https://hitorflop.io/problems/invalid-features,tempo is missing",
                "4,,," + ROWS.get(2).jobId() + ",QUEUED,,,,,,,,,",
                "");
    }

    @Test
    void csvWritesEchoedFormulasAsTextAndJsonLinesKeepsThemAsSent() throws Exception {
        String[] formulas = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"};
        ResultRow row = new ResultRow(2, JSON.writeValueAsString(java.util.Map.of("id", formulas[0], "title", "a=b")),
                JOB, "DONE", "HIT", 0.62, VOTES, null, null, null);
        StringWriter csv = new StringWriter();
        BatchResultsWriter writer = new BatchResultsWriter(JSON, ResultFormat.CSV, List.of("id", "@title"), false, csv);
        writer.header();
        writer.row(row);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).startsWith("line,id,'@title,jobId,");
        assertThat(lines[1]).startsWith("2,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",,");
        for (String formula : formulas) {
            assertThat(BatchResultsWriter.asText(formula)).isEqualTo("'" + formula);
        }
        assertThat(BatchResultsWriter.asText("a=b")).isEqualTo("a=b");
        assertThat(BatchResultsWriter.asText("")).isEmpty();

        StringWriter jsonLines = new StringWriter();
        new BatchResultsWriter(JSON, ResultFormat.JSON_LINES, List.of("id", "title"), false, jsonLines).row(row);
        assertThat(JSON.readTree(jsonLines.toString()).path("columns").path("id").asText()).isEqualTo(formulas[0]);
    }

    @Test
    void jsonLinesHaveTheColumnsNestedAndTheExplanationOnRequest() throws Exception {
        List<String> lines = write(ResultFormat.JSON_LINES, true).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode done = JSON.readTree(lines.get(0));
        assertThat(done.path("columns").path("title").asText()).isEqualTo("Hello, \"World\"");
        assertThat(done.path("votes").path("ada_boost").asText()).isEqualTo("FLOP");
        assertThat(done.path("probability").asDouble()).isEqualTo(0.62);
        assertThat(done.path("explanation").get(0).path("feature").asText()).isEqualTo("energy");
        JsonNode rejected = JSON.readTree(lines.get(1));
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("jobId").isNull()).isTrue();
        assertThat(rejected.path("explanation").isNull()).isTrue();
    }

    @Test
    void theFormatIsTheQueryParameterElseTheAcceptHeaderElseCsv() {
        assertThat(ResultFormat.of("jsonl", "text/csv")).isEqualTo(ResultFormat.JSON_LINES);
        assertThat(ResultFormat.of(null, "application/x-ndjson")).isEqualTo(ResultFormat.JSON_LINES);
        assertThat(ResultFormat.of(null, "*/*")).isEqualTo(ResultFormat.CSV);
        assertThat(ResultFormat.of("xml", null)).isNull();
    }
}
