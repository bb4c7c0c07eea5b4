package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What becomes of submitted audio, uploaded or fetched: ffprobe reads it, its duration is checked,
 * ffmpeg transcodes it to FLAC and the FLAC goes into the audio store, all under one deadline and
 * at most {@code max-concurrent-transcodes} files at a time.
 */
@ApplicationScoped
public class AudioPipeline {

    private final IngestConfig config;
    private final AudioStore store;
    private final AudioProber prober;
    private final FlacTranscoder transcoder;
    private final DurationLimits limits;
    private final TranscodeSlots transcodeSlots;

    AudioPipeline(IngestConfig config, AudioStore store) throws IOException {
        this.config = config;
        this.store = store;
        this.prober = new AudioProber(config.ffprobePath());
        this.transcoder = new FlacTranscoder(config.ffmpegPath());
        this.limits = new DurationLimits(config.minAudioDuration(), config.maxAudioDuration());
        this.transcodeSlots = new TranscodeSlots(config.maxConcurrentTranscodes(), config.transcodeQueueTimeout());
        Files.createDirectories(config.workDir());
    }

    /**
     * Probes, checks, transcodes and stores audio of {@code jobId}, at most
     * {@code max-concurrent-transcodes} at a time; the input file stays the caller's.
     */
    public StoredAudio store(UUID jobId, Path audio) throws AudioRejectedException, IntakeBusyException, IOException {
        try (TranscodeSlots.Slot slot = transcodeSlots.acquire()) {
            DeadlineProcessFunction processes = new DeadlineProcessFunction(config.transcodeTimeout());
            ProbedAudio probed = prober.probe(audio, processes);
            limits.check(probed);
            return new StoredAudio(transcodeIntoStore(jobId, audio, processes), probed);
        }
    }

    private String transcodeIntoStore(UUID jobId, Path upload, DeadlineProcessFunction processes)
            throws AudioRejectedException, IOException {
        Path flac = Files.createTempFile(config.workDir(), jobId.toString(), ".flac");
        try {
            transcoder.transcode(upload, flac, processes);
            return store.put(jobId, flac);
        } finally {
            Files.deleteIfExists(flac);
        }
    }
}
