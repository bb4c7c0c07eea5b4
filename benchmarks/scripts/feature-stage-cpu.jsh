// CPU time of each stage of the feature engine, fed alone with the PCM of a 3-minute 44.1 kHz
// stereo track (the same track FeatureExtractionBenchmark makes), best of 6 runs, from
// ThreadMXBean. Quoted in docs/performance.md ("Where the analysis time goes"). Run from the
// repository root after `mvn -B -ntp -pl feature-service -am package -DskipTests`:
//
//   jshell --class-path "feature-service/target/quarkus-app/app/*:feature-service/target/quarkus-app/lib/main/*" \
//          benchmarks/scripts/feature-stage-cpu.jsh
import io.hitorflop.feature.engine.*;
import io.hitorflop.feature.engine.decode.*;
import io.hitorflop.feature.engine.loudness.*;
import io.hitorflop.feature.engine.spectral.*;
import io.hitorflop.feature.engine.tempo.*;
import io.hitorflop.feature.engine.tonal.*;
import io.hitorflop.feature.engine.dna.*;
import java.lang.management.*;
import java.nio.file.*;

var track = Files.createTempDirectory("feature-stage-cpu").resolve("track.flac");
var ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "aevalsrc=exprs='0.15*sin(2*PI*220*t)+0.1*sin(2*PI*277.18*t)+0.1*sin(2*PI*329.63*t)+0.5*exp(-30*mod(t,0.5))*sin(2*PI*60*t)':s=44100:d=180",
        "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=44100:duration=180",
        "-filter_complex", "[0][1]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo",
        "-c:a", "flac", track.toString()).inheritIO().start();
if (ffmpeg.waitFor() != 0) throw new IllegalStateException("ffmpeg failed");
var settings = EngineSettings.defaults();
var probed = new AudioProbe("ffprobe", settings.decodeTimeout()).probe(track, settings.maxDuration());
var blocks = new java.util.ArrayList<float[]>();
var counts = new java.util.ArrayList<Integer>();
try (var decoding = new FfmpegPcmDecoder("ffmpeg", settings.decodeTimeout()).start(track)) {
    decoding.readInto(probed, Long.MAX_VALUE, (b, c) -> { blocks.add(java.util.Arrays.copyOf(b, c * 2)); counts.add(c); });
}
var mono = new java.util.ArrayList<float[]>();
var toMono = new MonoDecimator(2, 2, (x, n) -> mono.add(java.util.Arrays.copyOf(x, n)));
for (int i = 0; i < blocks.size(); i++) toMono.accept(blocks.get(i), counts.get(i));
var threads = ManagementFactory.getThreadMXBean();
void time(String name, java.util.function.Supplier<Runnable> job) {
    double best = Double.MAX_VALUE;
    for (int run = 0; run < 6; run++) {
        Runnable work = job.get();
        long start = threads.getCurrentThreadCpuTime();
        work.run();
        best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e6);
    }
    System.out.printf("%-34s %6.1f ms CPU per 3 min%n", name, best);
}
double fps = 22050 / 512.0;
var bank = new MelFilterBank(64, 2048, 22050, 20, 11025);
time("loudness (BS.1770, 2 ch, 44.1 kHz)", () -> () -> { var m = new LoudnessMeter(44100, 2, "stereo"); for (int i = 0; i < blocks.size(); i++) m.accept(blocks.get(i), counts.get(i)); m.result(); });
time("sample peak", () -> () -> { var m = new SamplePeakMeter(2); for (int i = 0; i < blocks.size(); i++) m.accept(blocks.get(i), counts.get(i)); });
time("mix-down + decimation", () -> () -> { var m = new MonoDecimator(2, 2, (x, n) -> {}); for (int i = 0; i < blocks.size(); i++) m.accept(blocks.get(i), counts.get(i)); });
time("STFT 2048/512", () -> () -> { var f = new StftFramer(2048, 512, java.util.List.of()); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 8192/8192", () -> () -> { var f = new StftFramer(8192, 8192, java.util.List.of()); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 2048 + mel, onsets, thumbnail", () -> () -> { var f = new StftFramer(2048, 512, java.util.List.of(new MelSpectrum(bank, java.util.List.of(new OnsetStrength(bank.bandPowerScale()), new MelThumbnail(64, 256, 7751))))); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 2048 + centroid", () -> () -> { var f = new StftFramer(2048, 512, java.util.List.of(new SpectralCentroid(2048, 22050))); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 2048 + roll-off", () -> () -> { var f = new StftFramer(2048, 512, java.util.List.of(new SpectralRolloff(2048, 22050))); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 2048 + flatness", () -> () -> { var f = new StftFramer(2048, 512, java.util.List.of(new SpectralFlatness())); for (float[] b : mono) f.accept(b, b.length); });
time("STFT 8192 + chroma", () -> () -> { var f = new StftFramer(8192, 8192, java.util.List.of(new ChromaAccumulator(8192, 22050))); for (float[] b : mono) f.accept(b, b.length); });
time("zero crossings + RMS", () -> () -> { var z = new ZeroCrossingRate(); var r = new RmsEnergy(2048); for (float[] b : mono) { z.accept(b, b.length); r.accept(b, b.length); } });
var onsets = new OnsetStrength(bank.bandPowerScale());
var framer = new StftFramer(2048, 512, java.util.List.of(new MelSpectrum(bank, java.util.List.of(onsets))));
for (float[] b : mono) framer.accept(b, b.length);
double[] envelope = onsets.envelope();
time("tempo", () -> () -> TempoEstimator.estimate(envelope, onsets.amplitudeRise(), fps));
time("beats", () -> () -> BeatTracker.track(envelope, fps, 120));
time("onset count", () -> () -> OnsetDetector.count(envelope, fps));
time("whole TrackAnalyzer", () -> () -> { var a = new TrackAnalyzer(probed, 22050); for (int i = 0; i < blocks.size(); i++) a.accept(blocks.get(i), counts.get(i)); a.finish(blocks.size() * 8192L); });
Files.delete(track);
Files.delete(track.getParent());
/exit
