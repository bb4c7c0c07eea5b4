import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.feature.engine.TrackAnalyzer;
import io.hitorflop.feature.engine.loudness.LoudnessMeter;
import io.hitorflop.feature.engine.loudness.SamplePeakMeter;
import io.hitorflop.feature.engine.dna.MelThumbnail;
import io.hitorflop.feature.engine.signal.PcmConsumer;
import io.hitorflop.feature.engine.spectral.MelFilterBank;
import io.hitorflop.feature.engine.spectral.MelSpectrum;
import io.hitorflop.feature.engine.spectral.MonoConsumer;
import io.hitorflop.feature.engine.spectral.MonoDecimator;
import io.hitorflop.feature.engine.spectral.RmsEnergy;
import io.hitorflop.feature.engine.spectral.SpectralCentroid;
import io.hitorflop.feature.engine.spectral.SpectralFlatness;
import io.hitorflop.feature.engine.spectral.SpectralRolloff;
import io.hitorflop.feature.engine.spectral.StftFramer;
import io.hitorflop.feature.engine.spectral.ZeroCrossingRate;
import io.hitorflop.feature.engine.tempo.BeatTracker;
import io.hitorflop.feature.engine.tempo.OnsetDetector;
import io.hitorflop.feature.engine.tempo.OnsetStrength;
import io.hitorflop.feature.engine.tempo.TempoEstimator;
import io.hitorflop.feature.engine.tonal.ChromaAccumulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU of each stage of the feature engine's analysis on one song held in memory (decoded once by
 * ffmpeg to 44.1 kHz stereo float), so a change to one DSP class can be measured apart from ffmpeg,
 * the JIT's warm-up and the other stages. Each stage runs ROUNDS times in one JVM; printed is the
 * thread CPU time of each round and the median of the second half (compiled code). The spectral
 * descriptors are timed with their STFT: subtract the bare STFT for their own share; tempo, beats
 * and the onset count run on the song's onset envelope. Replaces feature-stage-cpu.jsh, which
 * needed the ffprobe classes the engine no longer has. Single-file
 * program, run from the root after a build:
 *
 *   java -cp "$(ls feature-service/target/quarkus-app/app/*.jar feature-service/target/quarkus-app/lib/main/*.jar | tr '\n' :)" \
 *        benchmarks/scripts/FeatureStagesCpu.java song.flac 8
 */
public final class FeatureStagesCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RATE = 44_100;
    private static final int ANALYSIS_RATE = RATE / 2;
    private static final int BLOCK_FRAMES = 8192;
    private static final double FRAMES_PER_SECOND = ANALYSIS_RATE / 512.0;

    public static void main(String[] args) throws Exception {
        float[] stereo = decode(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int frames = stereo.length / 2;
        ProbedAudio probed = new ProbedAudio("f32le", "pcm_f32le", 2, RATE, "stereo",
                Duration.ofMillis(frames * 1000L / RATE));
        float[] mono = new float[frames / 2 + 16];
        int[] monoLength = {0};
        feed(stereo, new MonoDecimator(2, 2, (samples, count) -> {
            System.arraycopy(samples, 0, mono, monoLength[0], count);
            monoLength[0] += count;
        }));
        int monoSamples = monoLength[0];
        MelFilterBank melBank = new MelFilterBank(64, 2048, ANALYSIS_RATE, 20, ANALYSIS_RATE / 2.0);

        OnsetStrength onsets = new OnsetStrength(melBank.bandPowerScale());
        feedMono(mono, monoSamples, new StftFramer(2048, 512, List.of(new MelSpectrum(melBank, List.of(onsets)))));

        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            time(cpu, "whole analysis", () -> {
                TrackAnalyzer analyzer = new TrackAnalyzer(probed, ANALYSIS_RATE);
                feed(stereo, analyzer);
                analyzer.finish(frames);
            });
            time(cpu, "loudness (BS.1770)", () -> {
                LoudnessMeter meter = new LoudnessMeter(RATE, 2, "stereo");
                feed(stereo, meter);
                meter.result();
            });
            time(cpu, "sample peak", () -> feed(stereo, new SamplePeakMeter(2)));
            time(cpu, "mono decimator", () -> feed(stereo, new MonoDecimator(2, 2, (samples, count) -> { })));
            time(cpu, "rms", () -> feedMono(mono, monoSamples, new RmsEnergy(2048)));
            time(cpu, "zero crossings", () -> feedMono(mono, monoSamples, new ZeroCrossingRate()));
            time(cpu, "fft 2048 alone", () -> {
                FFT fft = new FFT(2048, new HannWindow());
                float[] frame = new float[2048];
                for (int start = 0; start + 2048 <= monoSamples; start += 512) {
                    System.arraycopy(mono, start, frame, 0, 2048);
                    fft.forwardTransform(frame);
                }
            });
            time(cpu, "stft 2048/512 bare", () -> feedMono(mono, monoSamples, new StftFramer(2048, 512, List.of())));
            time(cpu, "  + centroid", () -> feedMono(mono, monoSamples,
                    new StftFramer(2048, 512, List.of(new SpectralCentroid(2048, ANALYSIS_RATE)))));
            time(cpu, "  + roll-off", () -> feedMono(mono, monoSamples,
                    new StftFramer(2048, 512, List.of(new SpectralRolloff(2048, ANALYSIS_RATE)))));
            time(cpu, "  + flatness", () -> feedMono(mono, monoSamples,
                    new StftFramer(2048, 512, List.of(new SpectralFlatness()))));
            time(cpu, "  + mel bands", () -> feedMono(mono, monoSamples,
                    new StftFramer(2048, 512, List.of(new MelSpectrum(melBank, List.of())))));
            time(cpu, "  + mel, onsets, DNA", () -> feedMono(mono, monoSamples,
                    new StftFramer(2048, 512, List.of(new MelSpectrum(melBank, List.of(
                            new OnsetStrength(melBank.bandPowerScale()), new MelThumbnail(64, 256, monoSamples / 512 + 1)))))));
            time(cpu, "stft 8192 + chroma", () -> feedMono(mono, monoSamples,
                    new StftFramer(8192, 8192, List.of(new ChromaAccumulator(8192, ANALYSIS_RATE)))));
            time(cpu, "tempo", () -> TempoEstimator.estimate(onsets.envelope(), onsets.amplitudeRise(), FRAMES_PER_SECOND));
            time(cpu, "beats", () -> BeatTracker.track(onsets.envelope(), FRAMES_PER_SECOND, 120));
            time(cpu, "onset count", () -> OnsetDetector.count(onsets.envelope(), FRAMES_PER_SECOND));
        }
        System.out.printf("%.1f s of audio; thread CPU ms per stage: median of rounds %d-%d, then every round%n",
                frames / (double) RATE, rounds / 2 + 1, rounds);
        cpu.forEach((stage, times) -> {
            List<Double> compiled = new ArrayList<>(times.subList(times.size() / 2, times.size()));
            Collections.sort(compiled);
            System.out.printf("%-22s %7.1f   %s%n", stage, compiled.get(compiled.size() / 2),
                    times.stream().map(ms -> String.format("%.0f", ms)).toList());
        });
    }

    private static float[] decode(String file) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", file,
                "-f", "f32le", "-ac", "2", "-ar", String.valueOf(RATE), "pipe:1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] bytes = ffmpeg.getInputStream().readAllBytes();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed on " + file);
        }
        FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] samples = new float[floats.remaining()];
        floats.get(samples);
        return samples;
    }

    /** The stereo PCM in blocks of 8192 frames, as the decoder hands it on. */
    private static void feed(float[] stereo, PcmConsumer consumer) {
        float[] block = new float[BLOCK_FRAMES * 2];
        int frames = stereo.length / 2;
        for (int first = 0; first < frames; first += BLOCK_FRAMES) {
            int count = Math.min(BLOCK_FRAMES, frames - first);
            System.arraycopy(stereo, first * 2, block, 0, count * 2);
            consumer.accept(block, count);
        }
    }

    /** The analysis signal in blocks of 4096 samples, as the decimator hands it on. */
    private static void feedMono(float[] mono, int samples, MonoConsumer consumer) {
        float[] block = new float[BLOCK_FRAMES / 2];
        for (int first = 0; first < samples; first += block.length) {
            int count = Math.min(block.length, samples - first);
            System.arraycopy(mono, first, block, 0, count);
            consumer.accept(block, count);
        }
    }

    private static void time(Map<String, List<Double>> cpu, String stage, Runnable run) {
        long started = THREADS.getCurrentThreadCpuTime();
        run.run();
        cpu.computeIfAbsent(stage, name -> new ArrayList<>()).add((THREADS.getCurrentThreadCpuTime() - started) / 1e6);
    }
}
