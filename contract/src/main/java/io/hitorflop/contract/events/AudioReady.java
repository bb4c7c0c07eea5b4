package io.hitorflop.contract.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Transcoded audio is in the audio store (state AUDIO_READY). Kafka carries only the reference
 * (claim check); the audio store resolves it.
 *
 * @param audioRef   the audio store's key for the stored audio
 * @param durationMs duration as probed at ingest
 */
public record AudioReady(int schemaVersion, UUID eventId, UUID jobId, Instant occurredAt,
                         String audioRef, long durationMs) implements JobEvent {

    public static AudioReady of(UUID jobId, String audioRef, long durationMs) {
        return new AudioReady(SCHEMA_VERSION, UUID.randomUUID(), jobId, Instant.now(), audioRef, durationMs);
    }
}
