package io.hitorflop.ingest.audio;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.audiostore.AudioStore;
import io.hitorflop.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * What becomes of submitted audio, uploaded or fetched: ffprobe reads it, its duration is checked,
 * ffmpeg copies its audio stream as it is (a {@link KeptFormat}) or transcodes it to FLAC, and the
 * result goes into the audio store, all under one deadline and at most
 * {@code max-concurrent-transcodes} files at a time.
 */
@ApplicationScoped
public class AudioPipeline {

    private final IngestConfig config;
    private final AudioStore store;
    private final AudioProber prober;
    private final FfmpegAudioWriter writer;
    private final DurationLimits limits;
    private final TranscodeSlots transcodeSlots;

    AudioPipeline(IngestConfig config, AudioStore store) throws IOException {
        this.config = config;
        this.store = store;
        this.prober = new AudioProber(config.ffprobePath());
        this.writer = new FfmpegAudioWriter(config.ffmpegPath());
        this.limits = new DurationLimits(config.minAudioDuration(), config.maxAudioDuration());
        this.transcodeSlots = new TranscodeSlots(config.maxConcurrentTranscodes(), config.transcodeQueueTimeout());
        Files.createDirectories(config.workDir());
    }

    /**
     * Probes, checks, copies or transcodes and stores audio of {@code jobId}, at most
     * {@code max-concurrent-transcodes} at a time; the input file stays the caller's.
     */
    public StoredAudio store(UUID jobId, Path audio) throws AudioRejectedException, IntakeBusyException, IOException {
        try (TranscodeSlots.Slot slot = transcodeSlots.acquire()) {
            DeadlineProcessFunction processes = new DeadlineProcessFunction(config.transcodeTimeout());
            ProbedUpload probed = prober.probe(audio, processes);
            limits.check(probed.audio());
            Optional<KeptFormat> kept = KeptFormat.of(probed);
            return new StoredAudio(writeIntoStore(jobId, audio, kept, processes), probed.audio(), kept.isPresent());
        }
    }

    private String writeIntoStore(UUID jobId, Path upload, Optional<KeptFormat> kept, DeadlineProcessFunction processes)
            throws AudioRejectedException, IOException {
        String extension = kept.map(KeptFormat::extension).orElse("flac");
        Path written = Files.createTempFile(config.workDir(), jobId.toString(), "." + extension);
        try {
            if (kept.isPresent()) {
                writer.copyAudio(upload, written, kept.get(), processes);
            } else {
                writer.transcodeToFlac(upload, written, processes);
            }
            return store.put(jobId, written);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
