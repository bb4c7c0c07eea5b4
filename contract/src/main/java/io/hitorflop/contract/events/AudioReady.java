package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * Transcoded audio is in the audio store (state AUDIO_READY). Kafka carries only the reference
 * (claim check); the audio store resolves it.
 *
 * @param audioRef   the audio store's key for the stored audio
 * @param durationMs duration as probed at ingest
 * @param explain    whether the verdict gets a Shapley explanation; the feature service copies it into
 *                   {@link FeaturesReady#explain()}; null (events written before it existed) means yes
 */
public record AudioReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                         String audioRef, long durationMs,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean explain) implements JobEvent {

    /** An event in the form before {@code explain} existed: the verdict is explained. */
    public AudioReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt, String audioRef,
                      long durationMs) {
        this(schemaVersion, eventId, jobId, occurredAt, audioRef, durationMs, null);
    }

    public static AudioReady of(UUID jobId, String audioRef, long durationMs) {
        return new AudioReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), audioRef, durationMs);
    }
}
