package io.hitorflop.feature.engine;

import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.feature.engine.decode.AudioProbe;
import io.hitorflop.feature.engine.decode.FfmpegPcmDecoder;
import io.hitorflop.feature.engine.decode.ProbedAudio;
import io.hitorflop.feature.engine.dna.MelThumbnail;
import io.hitorflop.feature.engine.dna.SpectralDnaBuilder;
import io.hitorflop.feature.engine.loudness.LoudnessMeter;
import io.hitorflop.feature.engine.loudness.LoudnessResult;
import io.hitorflop.feature.engine.loudness.SamplePeakMeter;
import io.hitorflop.feature.engine.spectral.MelFilterBank;
import io.hitorflop.feature.engine.spectral.MelSpectrum;
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
import io.hitorflop.feature.engine.tonal.KeyEstimate;
import io.hitorflop.feature.engine.tonal.KeyEstimator;
import io.hitorflop.feature.engine.tonal.KeyProfile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an audio file into the model features, the descriptors and the spectral DNA in one
 * streaming pass: ffprobe checks the file, ffmpeg decodes it to float PCM at its own rate and
 * channels; loudness and peak are measured on that, while a mono signal decimated to about
 * 22 kHz feeds two STFTs (2048/512 for onsets, mel and spectral shape; 8192/4096 for chroma).
 * Only per-frame summaries are kept (one onset value per 23 ms, a few loudness values per 100 ms,
 * a fixed-size thumbnail), so memory grows by about 100 bytes per second of audio.
 */
public final class FeatureEngine {

    static final int SPECTRAL_FRAME = 2048;
    static final int SPECTRAL_HOP = 512;
    static final int CHROMA_FRAME = 8192;
    static final int CHROMA_HOP = 4096;
    static final int MEL_BANDS = 64;
    static final int THUMBNAIL_COLUMNS = 256;
    /** Chosen by {@code KeyProfileEvaluationTest}: see the feature-service README. */
    static final KeyProfile KEY_PROFILE = KeyProfile.TEMPERLEY;

    private final EngineSettings settings;
    private final AudioProbe probe;
    private final FfmpegPcmDecoder decoder;
    private final KeyEstimator keyEstimator = new KeyEstimator(KEY_PROFILE);

    public FeatureEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probe = new AudioProbe(settings.ffprobePath(), settings.decodeTimeout());
        this.decoder = new FfmpegPcmDecoder(settings.ffmpegPath(), settings.decodeTimeout());
    }

    /**
     * Probes, decodes and measures {@code audio}. Thread-safe: each call uses its own buffers.
     *
     * @throws AudioRejectedException the input is not decodable audio or exceeds a limit
     * @throws AudioDecodeException   ffmpeg could not be run, crashed or timed out
     */
    public TrackAnalysis analyze(Path audio) throws AudioRejectedException {
        ProbedAudio probed = probe.probe(audio, settings.maxDuration());
        int sourceRate = probed.sampleRate();
        int factor = MonoDecimator.factorFor(sourceRate, settings.analysisSampleRate());
        double analysisRate = (double) sourceRate / factor;
        double framesPerSecond = analysisRate / SPECTRAL_HOP;

        LoudnessMeter loudness = new LoudnessMeter(sourceRate, probed.channels(), probed.channelLayout());
        SamplePeakMeter peak = new SamplePeakMeter(probed.channels());
        MelFilterBank melBank = new MelFilterBank(MEL_BANDS, SPECTRAL_FRAME, analysisRate, 20.0, analysisRate / 2);
        OnsetStrength onsets = new OnsetStrength(MEL_BANDS);
        MelThumbnail thumbnail = new MelThumbnail(MEL_BANDS, THUMBNAIL_COLUMNS,
                (long) Math.ceil(probed.durationSeconds() * framesPerSecond));
        SpectralCentroid centroid = new SpectralCentroid(SPECTRAL_FRAME, analysisRate);
        SpectralRolloff rolloff = new SpectralRolloff(SPECTRAL_FRAME, analysisRate);
        SpectralFlatness flatness = new SpectralFlatness();
        ChromaAccumulator chroma = new ChromaAccumulator(CHROMA_FRAME, analysisRate);
        ZeroCrossingRate zeroCrossings = new ZeroCrossingRate();
        RmsEnergy rms = new RmsEnergy(SPECTRAL_FRAME);
        StftFramer spectralFrames = new StftFramer(SPECTRAL_FRAME, SPECTRAL_HOP,
                List.of(new MelSpectrum(melBank, List.of(onsets, thumbnail)), centroid, rolloff, flatness));
        StftFramer chromaFrames = new StftFramer(CHROMA_FRAME, CHROMA_HOP, List.of(chroma));
        MonoDecimator analysisSignal = new MonoDecimator(probed.channels(), factor, (samples, count) -> {
            zeroCrossings.accept(samples, count);
            rms.accept(samples, count);
            spectralFrames.accept(samples, count);
            chromaFrames.accept(samples, count);
        });

        long maxFrames = (long) Math.ceil(settings.maxDuration().toMillis() / 1000.0 * sourceRate);
        long frames = decoder.decode(audio, probed, maxFrames, (block, count) -> {
            loudness.accept(block, count);
            peak.accept(block, count);
            analysisSignal.accept(block, count);
        });

        double durationSeconds = (double) frames / sourceRate;
        LoudnessResult measured = loudness.result();
        double[] envelope = onsets.envelope();
        TempoEstimator.Estimate tempo = TempoEstimator.estimate(envelope, framesPerSecond);
        int[] beatFrames = BeatTracker.track(envelope, framesPerSecond, tempo.bpm());
        double[] beatSeconds = new double[beatFrames.length];
        for (int i = 0; i < beatFrames.length; i++) {
            beatSeconds[i] = frameCentreSeconds(beatFrames[i], analysisRate);
        }
        double[] chromaSums = chroma.chroma();
        KeyEstimate key = keyEstimator.estimate(chromaSums);

        Map<String, Double> features = new LinkedHashMap<>();
        features.put("tempo", round(tempo.bpm(), 100));
        features.put("loudness", round(measured.integratedLufs(), 100));
        features.put("key", (double) key.key());
        features.put("mode", (double) key.mode());
        features.put("duration_ms", (double) Math.round(durationSeconds * 1000));

        Map<String, Double> descriptors = new LinkedHashMap<>();
        descriptors.put("key_confidence", round(key.confidence(), 1000));
        descriptors.put("pulse_strength", round(tempo.pulseStrength(), 1000));
        descriptors.put("loudness_range_lu", round(measured.rangeLu(), 100));
        descriptors.put("sample_peak_dbfs", round(peak.peakDbfs(), 100));
        descriptors.put("rms_mean", round(rms.mean(), 1e5));
        descriptors.put("rms_std", round(rms.standardDeviation(), 1e5));
        descriptors.put("rms_max", round(rms.max(), 1e5));
        descriptors.put("spectral_centroid_hz", round(centroid.meanHz(), 10));
        descriptors.put("spectral_rolloff_hz", round(rolloff.meanHz(), 10));
        descriptors.put("spectral_flatness", round(flatness.mean(), 1e5));
        descriptors.put("zero_crossing_rate", round(zeroCrossings.rate(), 1e5));
        descriptors.put("onset_rate_per_s",
                round(durationSeconds > 0 ? OnsetDetector.count(envelope, framesPerSecond) / durationSeconds : 0, 1000));
        descriptors.put("beat_count", (double) beatFrames.length);
        descriptors.put("sample_rate_hz", (double) sourceRate);
        descriptors.put("channels", (double) probed.channels());
        descriptors.put("analysis_sample_rate_hz", round(analysisRate, 100));

        SpectralDna dna = SpectralDnaBuilder.build(thumbnail, framesPerSecond, chromaSums,
                measured.loudnessPerSecond(), beatSeconds);
        return new TrackAnalysis(FeatureSet.AUDIO.select(features), descriptors, dna);
    }

    /** Time of the centre of STFT frame {@code frame} (frame t starts at sample t * hop). */
    private static double frameCentreSeconds(int frame, double analysisRate) {
        return (frame * (double) SPECTRAL_HOP + SPECTRAL_FRAME / 2.0) / analysisRate;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
