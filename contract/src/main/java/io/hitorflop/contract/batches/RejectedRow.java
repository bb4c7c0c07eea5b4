package io.hitorflop.contract.batches;

import java.util.Map;

/**
 * A batch row that did not become a job.
 *
 * @param line        its line in the input (the header is line 1 of a CSV file)
 * @param problemType the RFC 9457 type URI of the reason ({@link io.hitorflop.contract.ProblemType})
 * @param detail      what is wrong with it
 * @param columns     its echoed columns (id, title, ...), as for an accepted row
 */
public record RejectedRow(int line, String problemType, String detail, Map<String, String> columns) {
}
