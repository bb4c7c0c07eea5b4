package io.hitorflop.ingest.audio;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most a fixed number of audio files probed and transcoded at once (each runs an ffprobe and an
 * ffmpeg); the others wait their turn, first come first served, for at most a given time.
 */
final class TranscodeSlots {

    private final Semaphore slots;
    private final int size;
    private final Duration maxWait;

    TranscodeSlots(int size, Duration maxWait) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one transcoding slot is needed, got " + size);
        }
        this.slots = new Semaphore(size, true);
        this.size = size;
        this.maxWait = maxWait;
    }

    /** A slot held until it is closed. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @throws IntakeBusyException  no slot freed up within the maximum wait
     * @throws InterruptedIOException the waiting thread was interrupted
     */
    Slot acquire() throws IntakeBusyException, InterruptedIOException {
        try {
            if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IntakeBusyException("more audio than can be transcoded at once (" + size
                        + ") has been waiting for " + maxWait.toMillis() / 1000.0 + " s; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to transcode");
        }
        return slots::release;
    }
}
