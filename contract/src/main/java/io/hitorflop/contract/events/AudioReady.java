package io.hitorflop.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * Checked audio is in the audio store (state AUDIO_READY). Kafka carries only the reference
 * (claim check); the audio store resolves it.
 *
 * @param audioRef   the audio store's key for the stored audio, {@code <jobId>.<ext>}: the extension names the
 *                   stored format ({@code flac} for a transcode, which every event before issue 16 holds; {@code mp3},
 *                   {@code ogg}, {@code opus}, {@code oga}, {@code webm}, {@code m4a} or {@code flac} for an upload's audio stream kept
 *                   as it came). The feature engine reads the format from the content, not from the extension
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
