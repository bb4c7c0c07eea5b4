package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import io.hitorflop.ingest.submission.domain.InvalidFieldException;
import io.hitorflop.ingest.submission.domain.SubmissionLimits;
import io.hitorflop.ingest.submission.domain.SubmittedText;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.ForbiddenDestinationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a batch row is, by the same rules as a single submission: a row with a non-blank
 * {@value #URL} is a link (length and text checked like {@code POST /v1/jobs}'s {@code url}, then
 * the egress guard); any other row is a feature vector of the batch's set, every feature of which
 * must be a number in its range. The remaining columns are echoed back: cleaned of control and
 * bidi characters, cut to {@code maxColumnChars}.
 */
public class RowValidator {

    /** The column that makes a row a link. */
    public static final String URL = "url";

    private final FeatureSet vectors;
    private final Set<String> featureNames;
    private final SubmissionLimits limits;
    private final EgressGuard guard;
    private final int maxColumnChars;

    /** @param guard vets links; null accepts every well-formed link (the second pass, which only repeats the first's verdicts) */
    public RowValidator(FeatureSet vectors, SubmissionLimits limits, EgressGuard guard, int maxColumnChars) {
        this.vectors = vectors;
        this.featureNames = Set.copyOf(vectors.names());
        this.limits = limits;
        this.guard = guard;
        this.maxColumnChars = maxColumnChars;
    }

    public RowValidator withoutGuard() {
        return new RowValidator(vectors, limits, null, maxColumnChars);
    }

    /** The columns of {@code columns} that are echoed (neither {@value #URL} nor a feature), cleaned, in order. */
    public List<String> echoedColumns(List<String> columns) {
        return columns.stream().filter(column -> !URL.equals(column) && !featureNames.contains(column))
                .map(SubmittedText::clean).distinct().toList();
    }

    public CheckedRow check(InputRow row) {
        Map<String, String> echoed = echoed(row.values());
        if (row.unreadable() != null) {
            return new CheckedRow.Refused(row.line(), ProblemType.INVALID_ROW, "the row " + row.unreadable(), echoed);
        }
        String link = row.values().get(URL);
        return link != null ? link(row.line(), link, echoed) : vector(row, echoed);
    }

    private CheckedRow link(int line, String link, Map<String, String> echoed) {
        String url;
        try {
            url = limits.url(URL, link);
        } catch (InvalidFieldException invalid) {
            return new CheckedRow.Refused(line, invalid.type(), invalid.getMessage(), echoed);
        }
        if (guard != null) {
            try {
                guard.vet(url);
            } catch (ForbiddenDestinationException forbidden) {
                return new CheckedRow.Refused(line, ProblemType.FORBIDDEN_URL, "'url' " + forbidden.getMessage(), echoed);
            }
        }
        return new CheckedRow.Link(line, url, echoed);
    }

    private CheckedRow vector(InputRow row, Map<String, String> echoed) {
        if (vectors.names().stream().noneMatch(row.values()::containsKey)) {
            return new CheckedRow.Refused(row.line(), ProblemType.INVALID_ROW, "the row has neither a '" + URL
                    + "' nor any feature of the '" + vectors.id() + "' set", echoed);
        }
        Map<String, Double> features = new HashMap<>();
        List<FeatureViolation> violations = new ArrayList<>();
        for (String name : vectors.names()) {
            String text = row.values().get(name);
            if (text == null) {
                continue; // reported as missing by the feature set
            }
            try {
                features.put(name, Double.parseDouble(text));
            } catch (NumberFormatException notANumber) {
                violations.add(new FeatureViolation(name, "is not a number"));
            }
        }
        vectors.validate(features).stream()
                .filter(violation -> violations.stream().noneMatch(v -> v.feature().equals(violation.feature())))
                .forEach(violations::add);
        if (!violations.isEmpty()) {
            return new CheckedRow.Refused(row.line(), ProblemType.INVALID_FEATURES,
                    violations.stream().map(FeatureViolation::toString).collect(Collectors.joining("; ")), echoed);
        }
        return new CheckedRow.Vector(row.line(), vectors.select(features), echoed);
    }

    private Map<String, String> echoed(Map<String, String> values) {
        Map<String, String> echoed = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (!URL.equals(column) && !featureNames.contains(column)) {
                String clean = SubmittedText.clean(value);
                echoed.put(SubmittedText.clean(column), clean.length() > maxColumnChars ? clean.substring(0, maxColumnChars) : clean);
            }
        });
        return echoed;
    }
}
