package io.hitorflop.benchmarks;

import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.TrackAnalysis;
import io.hitorflop.feature.engine.TrackAnalyzer;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.feature.engine.decode.PcmDecoding;
import io.hitorflop.audiostore.ProbedAudio;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole feature set of one 3-minute 44.1 kHz stereo track on one thread: {@code analyzeFile}
 * includes the ffmpeg decode (and its report on the file) (ffmpeg runs as a child process beside the analysing
 * thread), {@code analyzeDecodedPcm} feeds PCM decoded beforehand. Divide by 3 for seconds per
 * minute of audio. The track (a chord, a kick every half second, pink noise) is made by ffmpeg at
 * set-up: the cost of the engine does not depend on what the music is.
 * <p>
 * Single-shot mode, one analysis per iteration, so the secondary result {@code threadCpuMs} (CPU
 * time of the analysing thread, from {@link ThreadMXBean}) is per analysis. It is reported
 * because this machine is shared: wall time grows with other people's builds, CPU time much less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class FeatureExtractionBenchmark {

    static final int SECONDS = 180;

    @Param({"flac", "mp3"})
    public String format;

    private Path dir;
    private Path track;
    private FeatureEngine engine;
    private ProbedAudio probed;
    private float[][] blocks;
    private int[] blockFrames;
    private long totalFrames;

    @Setup(Level.Trial)
    public void createTrack() throws IOException, InterruptedException, AudioRejectedException {
        dir = Files.createTempDirectory("feature-benchmark");
        track = dir.resolve("track." + format);
        ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs='0.15*sin(2*PI*220*t)+0.1*sin(2*PI*277.18*t)+0.1*sin(2*PI*329.63*t)"
                        + "+0.5*exp(-30*mod(t,0.5))*sin(2*PI*60*t)':s=44100:d=" + SECONDS,
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=44100:duration=" + SECONDS,
                "-filter_complex", "[0][1]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo",
                "-c:a", format.equals("mp3") ? "libmp3lame" : "flac", track.toString());
        EngineSettings settings = EngineSettings.defaults();
        engine = new FeatureEngine(settings);
        List<float[]> decoded = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        try (PcmDecoding decoding = new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout()).start(track)) {
            probed = decoding.probe(settings.maxDuration());
            totalFrames = decoding.readInto(probed, Long.MAX_VALUE, (interleaved, count) -> {
                decoded.add(Arrays.copyOf(interleaved, count * probed.channels()));
                frames.add(count);
            });
        }
        blocks = decoded.toArray(float[][]::new);
        blockFrames = frames.stream().mapToInt(Integer::intValue).toArray();
    }

    /** CPU time the benchmark thread spent in the measured call. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ThreadCpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double threadCpuMs;

        @Setup(Level.Iteration)
        public void reset() {
            threadCpuMs = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public TrackAnalysis analyzeFile(ThreadCpu cpu) throws AudioRejectedException {
        long start = cpu.now();
        TrackAnalysis analysis = engine.analyze(track);
        cpu.threadCpuMs += (cpu.now() - start) / 1e6;
        return analysis;
    }

    @Benchmark
    public TrackAnalysis analyzeDecodedPcm(ThreadCpu cpu) {
        long start = cpu.now();
        TrackAnalyzer analyzer = new TrackAnalyzer(probed, EngineSettings.defaults().analysisSampleRate());
        for (int i = 0; i < blocks.length; i++) {
            analyzer.accept(blocks[i], blockFrames[i]);
        }
        TrackAnalysis analysis = analyzer.finish(totalFrames);
        cpu.threadCpuMs += (cpu.now() - start) / 1e6;
        return analysis;
    }

    @TearDown(Level.Trial)
    public void deleteTrack() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + command + "\n" + log);
        }
    }
}
