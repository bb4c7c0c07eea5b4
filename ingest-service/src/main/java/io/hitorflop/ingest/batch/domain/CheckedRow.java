package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.ProblemType;

import java.util.Map;

/** A batch row after validation: a vector or a link to score, or refused. Each carries its echoed columns. */
public sealed interface CheckedRow {

    int line();

    /** The row's other columns (id, title, ...), cleaned and cut to the column limit, in input order. */
    Map<String, String> columns();

    record Vector(int line, Map<String, Double> features, Map<String, String> columns) implements CheckedRow {
    }

    record Link(int line, String url, Map<String, String> columns) implements CheckedRow {
    }

    record Refused(int line, ProblemType type, String detail, Map<String, String> columns) implements CheckedRow {
    }
}
