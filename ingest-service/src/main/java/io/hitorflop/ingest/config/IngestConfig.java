package io.hitorflop.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** Limits and tools of the ingest service ({@code hitorflop.ingest.*}). */
@ConfigMapping(prefix = "hitorflop.ingest")
public interface IngestConfig {

    /** Where uploads are transcoded before they enter the audio store. */
    Path workDir();

    /** ffmpeg executable, a name on the PATH or an absolute path. */
    @WithDefault("ffmpeg")
    String ffmpegPath();

    /** ffprobe executable, a name on the PATH or an absolute path. */
    @WithDefault("ffprobe")
    String ffprobePath();

    /** Audio shorter than this cannot be measured (the models need at least one second). */
    @WithDefault("PT1S")
    Duration minAudioDuration();

    /** Longer audio is refused with 422 audio-too-long. */
    @WithDefault("PT15M")
    Duration maxAudioDuration();

    /** Wall-clock limit for probing plus transcoding one upload; the ffmpeg process is killed when it passes. */
    @WithDefault("PT2M")
    Duration transcodeTimeout();

    /**
     * Uploads and fetched links probed and transcoded at once; each runs an ffprobe and an ffmpeg, so
     * this bounds the processes (and memory) a burst of uploads can start. More wait their turn.
     */
    @WithDefault("2")
    int maxConcurrentTranscodes();

    /** How long audio waits for its turn: then an upload gets 503 service-busy, a fetched link fails with it. */
    @WithDefault("PT60S")
    Duration transcodeQueueTimeout();

    /**
     * How long a request waits for its job's transaction to commit before answering 503
     * queue-unavailable; it also bounds each blocking step of the producer, so a submission
     * during a broker outage ends within it.
     */
    @WithDefault("PT10S")
    Duration publishTimeout();

    /** The transactional producer of the job events ({@code hitorflop.ingest.transactions.*}). */
    Transactions transactions();

    interface Transactions {

        /**
         * {@code transactional.id}: stable per instance, so a restarted one fences its predecessor's
         * unfinished transaction, and unique across replicas.
         */
        String id();

        /** {@code transaction.timeout.ms}: how long a dead instance's open transaction can hold back read_committed readers. */
        @WithDefault("PT15S")
        Duration timeout();

        /**
         * Liveness goes DOWN when one transaction has run this long (every blocking step is bounded
         * by the publish time-out, so only a wedged thread gets here), or when transactions have
         * failed for this long in a row while the broker answers (a fault replacing the producer did
         * not cure): then only a restart helps.
         */
        @WithDefault("PT2M")
        Duration unrecoverableAfter();

        /**
         * Group commits: the most events one transaction carries. Submissions that arrive while a
         * transaction runs wait for the next one, which takes all of them up to this many events (a
         * job is never split: one job with more events goes alone).
         */
        @WithDefault("500")
        int maxEvents();

        /**
         * How long the transaction thread waits for more submissions after the first one before it
         * begins a transaction that is not full yet; 0 takes only what is already waiting.
         */
        @WithDefault("PT0.002S")
        Duration linger();

        /** Finding and closing a transaction whose marker the broker lost ({@code hitorflop.ingest.transactions.repair.*}). */
        Repair repair();
    }

    /**
     * A transaction the coordinator completed but whose COMMIT or ABORT marker never reached a
     * partition stays open there, and read_committed readers stop at it; ingest looks for such
     * transactions of its own producer and closes them ({@code HangingTransactionRepair}).
     */
    interface Repair {

        /** How often the partitions of ingest's topics are checked; another check follows a recovery from failed transactions. */
        @WithDefault("PT30S")
        Duration interval();

        /** How long the end of each transaction is remembered, to close a hanging one the way it really ended. */
        @WithDefault("PT10M")
        Duration remember();

        /** Most job ids remembered over all transactions (about 100 bytes each); older ones are forgotten first. */
        @WithDefault("100000")
        int rememberMax();
    }

    /** What one submission may carry ({@code hitorflop.ingest.limits.*}), checked before any work is done. */
    Limits limits();

    /**
     * Bounds on a submission, so one request costs at most a small, known slice of memory and its
     * events always fit in a Kafka record (a bounded {@code JobAccepted} is a few KiB; the
     * producer's {@code max.request.size} is 1 MiB).
     */
    interface Limits {

        /** A larger JSON body is refused with 413 (a 13-feature vector is about 400 bytes). */
        @WithDefault("64K")
        MemorySize jsonBody();

        /** Most entries a {@code features} object may have (the spotify set has 13). */
        @WithDefault("32")
        int features();

        /** Longest link or webhook URL, in characters. */
        @WithDefault("2048")
        int urlLength();

        /** Longest upload file name, in UTF-8 bytes. */
        @WithDefault("255")
        int fileNameBytes();
    }
}
