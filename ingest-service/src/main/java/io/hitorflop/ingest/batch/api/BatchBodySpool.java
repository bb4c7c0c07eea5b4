package io.hitorflop.ingest.batch.api;

import io.hitorflop.ingest.http.BodyTooLargeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a batch body to a file in the work directory as it arrives, within the byte limit: a
 * larger declared length is refused before a byte is read, a body without one as soon as it passes
 * the limit. The batch is read from the file twice; memory holds one buffer.
 */
final class BatchBodySpool {

    private BatchBodySpool() {
    }

    /** The body in a new file under {@code dir}; the caller deletes it. */
    static Path spool(InputStream body, String declaredLength, long limit, Path dir) throws IOException {
        if (declaredLength != null && declaredLength.matches("\\d{1,18}") && Long.parseLong(declaredLength) > limit) {
            throw new BodyTooLargeException(limit);
        }
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "batch-", ".body");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > limit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buffer, 0, read);
            }
            return file;
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(file);
            throw failed;
        }
    }
}
