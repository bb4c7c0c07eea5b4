package io.hitorflop.launcher.analyze.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hitorflop.contract.ProblemType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What a downloaded results file says, read row by row (a catalogue's results are never held in
 * memory): rows by status, DONE rows by label, and the first few rejected rows with their line and
 * problem. The columns (CSV header) or top-level fields (JSON Lines) it reads are results-service's
 * {@code line}, {@code status}, {@code label}, {@code problemType} (an RFC 9457 type URI) and
 * {@code detail}; the others (the echoed columns, the votes) are passed over.
 */
public record ResultsSummary(long rows, Map<String, Long> byStatus, Map<String, Long> byLabel, List<Rejected> firstRejected) {

    /** How many rejected rows the summary names. */
    static final int REJECTED_SHOWN = 5;
    static final String LINE = "line";
    static final String STATUS = "status";
    static final String LABEL = "label";
    static final String PROBLEM_TYPE = "problemType";
    static final String DETAIL = "detail";

    /** A row that failed validation: its line in the catalogue and why ({@code invalid-features: tempo is not a number}). */
    public record Rejected(String line, String problem) {

        static Rejected of(String line, String problemType, String detail) {
            String type = problemType.startsWith(ProblemType.BASE) ? problemType.substring(ProblemType.BASE.length()) : problemType;
            return new Rejected(line, detail.isEmpty() ? type : type + ": " + detail);
        }
    }

    public ResultsSummary {
        byStatus = Map.copyOf(byStatus);
        byLabel = Map.copyOf(byLabel);
        firstRejected = List.copyOf(firstRejected);
    }

    public static ResultsSummary of(CatalogueFile results) throws IOException {
        Tally tally = new Tally();
        if (results.format() == CatalogueFormat.CSV) {
            CsvSchema header = CsvSchema.emptySchema().withHeader();
            try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class).with(header)
                    .readValues(results.file().toFile())) {
                while (rows.hasNextValue()) {
                    Map<String, String> row = rows.nextValue();
                    tally.add(column -> row.getOrDefault(column, ""));
                }
            }
        } else {
            try (MappingIterator<JsonNode> rows = new ObjectMapper().readerFor(JsonNode.class).readValues(results.file().toFile())) {
                while (rows.hasNextValue()) {
                    JsonNode row = rows.nextValue();
                    tally.add(field -> row.path(field).isNull() || !row.path(field).isValueNode() ? "" : row.path(field).asText());
                }
            }
        }
        return new ResultsSummary(tally.rows, tally.byStatus, tally.byLabel, tally.rejected);
    }

    public long count(String status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /**
     * E.g. {@code 1,000 rows: 990 done (612 HIT, 378 FLOP), 3 failed, 7 rejected}, then one line for
     * each of the first rejected rows. Rows the batch lost (never read by the server; the results file
     * cannot list them) count among the rows ({@code 1,000 rows: 985 done (...), 3
     * failed, 7 rejected, 5 lost}) and {@code lostDetail}, the server's word on them, follows.
     */
    public String render(long lost, String lostDetail) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d rows: %,d done", rows + lost, count("DONE")));
        if (!byLabel.isEmpty()) {
            List<String> labels = new ArrayList<>();
            Map<String, Long> hitFirst = new TreeMap<>(Comparator.reverseOrder());
            hitFirst.putAll(byLabel);
            hitFirst.forEach((label, count) -> labels.add(String.format(Locale.ROOT, "%,d %s", count, label)));
            text.append(" (").append(String.join(", ", labels)).append(')');
        }
        text.append(String.format(Locale.ROOT, ", %,d failed, %,d rejected", count("FAILED"), count("REJECTED")));
        if (lost > 0) {
            text.append(String.format(Locale.ROOT, ", %,d lost", lost));
        }
        long unfinished = rows - count("DONE") - count("FAILED") - count("REJECTED");
        if (unfinished > 0) {
            text.append(String.format(Locale.ROOT, ", %,d not final", unfinished));
        }
        text.append(System.lineSeparator());
        if (lost > 0 && !lostDetail.isEmpty()) {
            text.append("  lost: ").append(lostDetail).append(System.lineSeparator());
        }
        for (Rejected rejected : firstRejected) {
            text.append(String.format(Locale.ROOT, "  rejected: line %s: %s%n", rejected.line(), rejected.problem()));
        }
        if (count("REJECTED") > firstRejected.size()) {
            text.append(String.format(Locale.ROOT, "  ... and %,d more rejected rows (status REJECTED in the results file)%n",
                    count("REJECTED") - firstRejected.size()));
        }
        return text.toString();
    }

    private static final class Tally {
        long rows;
        final Map<String, Long> byStatus = new TreeMap<>();
        final Map<String, Long> byLabel = new TreeMap<>();
        final List<Rejected> rejected = new ArrayList<>();

        void add(UnaryOperator<String> row) {
            rows++;
            String status = row.apply(STATUS);
            byStatus.merge(status, 1L, Long::sum);
            if (status.equals("DONE") && !row.apply(LABEL).isEmpty()) {
                byLabel.merge(row.apply(LABEL), 1L, Long::sum);
            }
            if (status.equals("REJECTED") && rejected.size() < REJECTED_SHOWN) {
                rejected.add(Rejected.of(row.apply(LINE), row.apply(PROBLEM_TYPE), row.apply(DETAIL)));
            }
        }
    }
}
