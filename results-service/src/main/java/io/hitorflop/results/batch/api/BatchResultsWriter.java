package io.hitorflop.results.batch.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.results.batch.persistence.BatchResultRows.ResultRow;
import io.hitorflop.results.batch.persistence.BatchStore;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's result rows as CSV (RFC 4180: a header row, fields quoted when they hold a
 * comma, quote or line break, CRLF line ends) or JSON Lines (one object per row). A row's
 * {@code status} is its job's, {@code QUEUED} while this service has not seen the job, or
 * {@code REJECTED} for a row validation refused, or {@code FAILED} for a valid row whose job ingest
 * could not queue ({@code queue-unavailable}: the broker failed during the batch).
 *
 * <p>The caller's echoed columns, names and values, and a rejection's detail (which may quote a
 * value) are text from the uploaded file: in CSV a
 * value starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return is
 * written with a leading apostrophe, so a spreadsheet opening the file shows it as text instead
 * of running it as a formula (OWASP "CSV Injection"). JSON Lines keeps them as they came.
 */
final class BatchResultsWriter {

    static final String REJECTED = "REJECTED";
    private static final String QUEUED = "QUEUED";
    private static final String FAILED = "FAILED";
    /** The characters OWASP's "CSV Injection" page lists as starting a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final TypeReference<List<ModelVote>> VOTES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> COLUMNS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ResultFormat format;
    private final List<String> columns;
    private final boolean explanation;
    private final Writer out;

    BatchResultsWriter(ObjectMapper json, ResultFormat format, List<String> columns, boolean explanation, Writer out) {
        this.json = json;
        this.format = format;
        this.columns = columns;
        this.explanation = explanation;
        this.out = out;
    }

    void header() throws IOException {
        if (format == ResultFormat.CSV) {
            List<String> names = new ArrayList<>();
            names.add("line");
            columns.forEach(column -> names.add(asText(column)));
            names.addAll(List.of("jobId", "status", "label", "probability"));
            names.addAll(ModelNames.ALL);
            names.addAll(List.of("problemType", "detail"));
            if (explanation) {
                names.add("explanation");
            }
            csvLine(names);
        }
    }

    void row(ResultRow row) throws IOException {
        Map<String, String> echoed = json.readValue(row.columnsJson(), COLUMNS);
        String status = row.jobId() != null ? (row.jobStatus() == null ? QUEUED : row.jobStatus())
                : BatchStore.NOT_QUEUED.equals(row.problemType()) ? FAILED : REJECTED;
        Map<String, String> votes = new HashMap<>();
        if (row.votesJson() != null) {
            for (ModelVote vote : json.readValue(row.votesJson(), VOTES)) {
                votes.put(vote.model(), vote.label().name());
            }
        }
        if (format == ResultFormat.CSV) {
            List<String> fields = new ArrayList<>();
            fields.add(Integer.toString(row.line()));
            columns.forEach(column -> fields.add(asText(echoed.get(column))));
            fields.add(row.jobId() == null ? null : row.jobId().toString());
            fields.add(status);
            fields.add(row.label());
            fields.add(row.probability() == null ? null : row.probability().toString());
            ModelNames.ALL.forEach(model -> fields.add(votes.get(model)));
            fields.add(row.problemType());
            fields.add(asText(row.detail())); // a rejection's detail may quote the user's value
            if (explanation) {
                fields.add(row.explanationJson());
            }
            csvLine(fields);
        } else {
            jsonLine(row, echoed, status, votes);
        }
    }

    private void jsonLine(ResultRow row, Map<String, String> echoed, String status, Map<String, String> votes)
            throws IOException {
        JsonGenerator line = json.getFactory().createGenerator(out);
        line.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        line.writeStartObject();
        line.writeNumberField("line", row.line());
        line.writeObjectField("columns", echoed);
        line.writeStringField("jobId", row.jobId() == null ? null : row.jobId().toString());
        line.writeStringField("status", status);
        line.writeStringField("label", row.label());
        if (row.probability() == null) {
            line.writeNullField("probability");
        } else {
            line.writeNumberField("probability", row.probability());
        }
        line.writeObjectFieldStart("votes");
        for (String model : ModelNames.ALL) {
            line.writeStringField(model, votes.get(model));
        }
        line.writeEndObject();
        line.writeStringField("problemType", row.problemType());
        line.writeStringField("detail", row.detail());
        if (explanation) {
            line.writeFieldName("explanation");
            if (row.explanationJson() == null) {
                line.writeNull();
            } else {
                line.writeRawValue(row.explanationJson());
            }
        }
        line.writeEndObject();
        line.flush();
        out.write('\n');
    }

    private void csvLine(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvField(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** The OWASP "CSV Injection" mitigation: a cell a spreadsheet would take as a formula starts with {@code '}. */
    static String asText(String userValue) {
        if (userValue == null || userValue.isEmpty() || FORMULA_STARTS.indexOf(userValue.charAt(0)) < 0) {
            return userValue;
        }
        return "'" + userValue;
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
