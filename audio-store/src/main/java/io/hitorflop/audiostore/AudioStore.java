package io.hitorflop.audiostore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Claim-check store for transcoded audio: ingest puts a file and publishes only the returned
 * reference; the feature service opens the reference, analyses it and deletes it. References are
 * opaque strings so a directory and an object store (S3) can stand behind the same interface.
 */
public interface AudioStore {

    /**
     * Copies {@code source} into the store. The stored audio becomes visible to {@link #open}
     * only once complete, so a reader never sees a partial file.
     *
     * @return the reference to publish
     */
    String put(UUID jobId, Path source) throws IOException;

    /**
     * A local file holding the referenced audio, valid until the returned handle is closed.
     *
     * @throws AudioNotFoundException when nothing is stored under {@code ref} (never stored, or deleted)
     * @throws IllegalArgumentException when {@code ref} is not a reference this store hands out
     */
    LocalAudio open(String ref) throws IOException;

    /** Removes the referenced audio; removing audio that is already gone is not an error. */
    void delete(String ref) throws IOException;
}
