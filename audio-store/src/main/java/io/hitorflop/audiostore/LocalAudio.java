package io.hitorflop.audiostore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stored audio readable as a local file. A remote store downloads into a temporary file and
 * removes it on {@link #close()}; the directory store hands out the stored file itself.
 */
public interface LocalAudio extends AutoCloseable {

    Path path();

    @Override
    void close() throws IOException;
}
