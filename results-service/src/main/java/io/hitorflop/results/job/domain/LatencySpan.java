package io.hitorflop.results.job.domain;

import io.hitorflop.contract.JobStatus;

/**
 * A measured span of a job's life, between the moments two transitions happened (the events'
 * {@code occurredAt}). For a submitted feature vector there is no audio step, so
 * {@link #FEATURES} starts at QUEUED.
 */
public enum LatencySpan {
    AUDIO("queued_to_audio_ready"),
    FEATURES("to_features_ready"),
    VERDICT("features_ready_to_done"),
    TOTAL("queued_to_done");

    private final String metricTag;

    LatencySpan(String metricTag) {
        this.metricTag = metricTag;
    }

    public String metricTag() {
        return metricTag;
    }

    JobStatus from(boolean throughAudio) {
        return switch (this) {
            case AUDIO, TOTAL -> JobStatus.QUEUED;
            case FEATURES -> throughAudio ? JobStatus.AUDIO_READY : JobStatus.QUEUED;
            case VERDICT -> JobStatus.FEATURES_READY;
        };
    }

    JobStatus to() {
        return switch (this) {
            case AUDIO -> JobStatus.AUDIO_READY;
            case FEATURES -> JobStatus.FEATURES_READY;
            case VERDICT, TOTAL -> JobStatus.DONE;
        };
    }
}
