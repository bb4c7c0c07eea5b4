package io.hitorflop.ingest.submission.domain;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.ingest.config.IngestConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the fields of a submission against {@code hitorflop.ingest.limits} before anything is
 * probed, stored or published: a field over its limit is 422 {@code field-too-long}, a URL with
 * control, bidi or invalid characters 422 {@code invalid-text}; a file name is only informative,
 * so it is cleaned instead ({@link SubmittedText#clean}).
 */
public class SubmissionLimits {

    private final IngestConfig.Limits limits;

    public SubmissionLimits(IngestConfig.Limits limits) {
        this.limits = limits;
    }

    /** {@code url} stripped of surrounding whitespace, if it is short and clean enough to store. */
    public String url(String field, String url) throws InvalidFieldException {
        if (url.length() > limits.urlLength()) {
            throw new InvalidFieldException(ProblemType.FIELD_TOO_LONG, field,
                    "is " + url.length() + " characters long; the limit is " + limits.urlLength());
        }
        String stripped = url.strip();
        Optional<String> flaw = SubmittedText.flaw(stripped);
        if (flaw.isPresent()) {
            throw new InvalidFieldException(ProblemType.INVALID_TEXT, field, flaw.get());
        }
        return stripped;
    }

    /** The upload's name as it may be stored and shown: cleaned, or null when none was given. */
    public String fileName(String name) throws InvalidFieldException {
        if (name == null) {
            return null;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.fileNameBytes()) {
            throw new InvalidFieldException(ProblemType.FIELD_TOO_LONG, "file",
                    "has a file name of " + bytes + " UTF-8 bytes; the limit is " + limits.fileNameBytes());
        }
        String clean = SubmittedText.clean(name);
        return clean.isBlank() ? null : clean;
    }

    public void features(Map<String, ?> features) throws InvalidFieldException {
        if (features.size() > limits.features()) {
            throw new InvalidFieldException(ProblemType.FIELD_TOO_LONG, "features",
                    "has " + features.size() + " entries; the limit is " + limits.features());
        }
    }
}
