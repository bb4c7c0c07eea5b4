package io.hitorflop.results.job.domain;

import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.features.FeatureSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which events cannot be stored as they arrive, and what of them can. Only {@link JobAccepted}
 * carries text typed by users (a file name, a URL); any other unstorable value is found by
 * PostgreSQL refusing it (see {@code DataErrors}).
 */
public final class StorableEvents {

    private final EventText text;

    public StorableEvents(EventText text) {
        this.text = text;
    }

    /** Why the event cannot be stored as it is (no user text, so it can go into logs and details), or null. */
    public String problem(JobEvent event) {
        if (!(event instanceof JobAccepted accepted)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (!knownFeatureSet(accepted.featureSet())) {
            problems.add("featureSet is not a known feature set");
        }
        addProblem(problems, "sourceName", accepted.sourceName());
        addProblem(problems, "owner", accepted.owner());
        addProblem(problems, "webhookUrl", accepted.webhookUrl());
        return problems.isEmpty() ? null : "JobAccepted cannot be stored: " + String.join("; ", problems);
    }

    /**
     * What of a refused event is kept: of a {@link JobAccepted}, the job's origin with the name
     * cleaned, and the owner and webhook URL when they are sound (a cleaned owner or URL would be
     * someone else's); of any other event, nothing (null).
     */
    public JobAccepted storablePart(JobEvent event) {
        if (!(event instanceof JobAccepted accepted)) {
            return null;
        }
        return new JobAccepted(accepted.schemaVersion(), accepted.eventId(), accepted.jobId(), accepted.occurredAt(),
                accepted.source(), knownFeatureSet(accepted.featureSet()) ? accepted.featureSet() : null, text.clean(accepted.sourceName()),
                soundOrNull(accepted.owner()), soundOrNull(accepted.webhookUrl()));
    }

    private static boolean knownFeatureSet(String id) {
        return id == null || Arrays.stream(FeatureSet.values()).anyMatch(set -> set.id().equals(id));
    }

    private void addProblem(List<String> problems, String field, String value) {
        String problem = text.problem(value);
        if (problem != null) {
            problems.add(field + " " + problem);
        }
    }

    private String soundOrNull(String value) {
        return text.problem(value) == null ? value : null;
    }
}
