package io.hitorflop.results.job.persistence;

import io.hitorflop.contract.events.ExplanationReady;

/**
 * What this service holds about the explanation that follows a job's verdict: the explanation, or
 * why there will be none (its record was dead-lettered), or neither yet. An explanation wins over
 * a recorded failure, whichever came first.
 *
 * @param explanation       the verdict's explanation, null while none is stored
 * @param unavailableDetail why the explanation could not be computed or stored, null when nothing said so
 */
public record StoredExplanation(ExplanationReady explanation, String unavailableDetail) {

    public static final StoredExplanation NONE = new StoredExplanation(null, null);

    /** True when no explanation will come: its record was dead-lettered and none was stored. */
    public boolean unavailable() {
        return explanation == null && unavailableDetail != null;
    }
}
