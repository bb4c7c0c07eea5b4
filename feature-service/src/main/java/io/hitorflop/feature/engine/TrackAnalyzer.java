package io.hitorflop.feature.engine;

import io.hitorflop.contract.events.SpectralDna;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.audiostore.ProbedAudio;
import io.hitorflop.feature.engine.dna.MelThumbnail;
import io.hitorflop.feature.engine.dna.SpectralDnaBuilder;
import io.hitorflop.feature.engine.loudness.LoudnessMeter;
import io.hitorflop.feature.engine.loudness.LoudnessResult;
import io.hitorflop.feature.engine.loudness.SamplePeakMeter;
import io.hitorflop.feature.engine.signal.PcmConsumer;
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
import io.hitorflop.feature.engine.tempo.TimeSignatureEstimator;
import io.hitorflop.feature.engine.tonal.ChromaAccumulator;
import io.hitorflop.feature.engine.tonal.KeyEstimate;
import io.hitorflop.feature.engine.tonal.KeyEstimator;
import io.hitorflop.feature.engine.tonal.KeyProfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one decoded track as its PCM blocks stream in. Loudness and peak run on the original
 * channels at the original rate; a mono signal decimated to about 22 kHz feeds two STFTs (2048/512
 * for onsets, mel and spectral shape; 8192 without overlap for chroma, whose mean over the track is
 * all the key needs). Only per-frame summaries are kept (one onset value per 23 ms, two loudness
 * values per 100 ms, a fixed-size thumbnail), so memory grows by about 0.5 KB per second of audio.
 * Not thread-safe: one analyzer per track.
 */
public final class TrackAnalyzer implements PcmConsumer {

    static final int SPECTRAL_FRAME = 2048;
    static final int SPECTRAL_HOP = 512;
    static final int CHROMA_FRAME = 8192;
    static final int CHROMA_HOP = 8192;
    static final int MEL_BANDS = 64;
    static final int THUMBNAIL_COLUMNS = 256;
    /** Chosen by {@code KeyAccuracyTest} (larger margins than Krumhansl-Kessler): see the README. */
    static final KeyProfile KEY_PROFILE = KeyProfile.TEMPERLEY;

    private final ProbedAudio probed;
    private final double analysisRate;
    private final double framesPerSecond;
    private final LoudnessMeter loudness;
    private final SamplePeakMeter peak;
    private final OnsetStrength onsets;
    private final MelThumbnail thumbnail;
    private final SpectralCentroid centroid;
    private final SpectralRolloff rolloff;
    private final SpectralFlatness flatness = new SpectralFlatness();
    private final ChromaAccumulator chroma;
    private final ZeroCrossingRate zeroCrossings = new ZeroCrossingRate();
    private final RmsEnergy rms = new RmsEnergy(SPECTRAL_FRAME);
    private final MonoDecimator analysisSignal;

    /**
     * @param probed             rate, channels and layout of the PCM to come; its duration sizes the thumbnail
     * @param analysisSampleRate target rate of the mono analysis signal
     */
    public TrackAnalyzer(ProbedAudio probed, int analysisSampleRate) {
        this.probed = probed;
        int sourceRate = probed.sampleRate();
        int factor = MonoDecimator.factorFor(sourceRate, analysisSampleRate);
        analysisRate = (double) sourceRate / factor;
        framesPerSecond = analysisRate / SPECTRAL_HOP;
        loudness = new LoudnessMeter(sourceRate, probed.channels(), probed.channelLayout());
        peak = new SamplePeakMeter(probed.channels());
        MelFilterBank melBank = new MelFilterBank(MEL_BANDS, SPECTRAL_FRAME, analysisRate, 20.0, analysisRate / 2);
        onsets = new OnsetStrength(melBank.bandPowerScale());
        thumbnail = new MelThumbnail(MEL_BANDS, THUMBNAIL_COLUMNS,
                (long) Math.ceil(probed.durationSeconds() * framesPerSecond));
        centroid = new SpectralCentroid(SPECTRAL_FRAME, analysisRate);
        rolloff = new SpectralRolloff(SPECTRAL_FRAME, analysisRate);
        chroma = new ChromaAccumulator(CHROMA_FRAME, analysisRate);
        StftFramer spectralFrames = new StftFramer(SPECTRAL_FRAME, SPECTRAL_HOP,
                List.of(new MelSpectrum(melBank, List.of(onsets, thumbnail)), centroid, rolloff, flatness));
        StftFramer chromaFrames = new StftFramer(CHROMA_FRAME, CHROMA_HOP, List.of(chroma));
        analysisSignal = new MonoDecimator(probed.channels(), factor, (samples, count) -> {
            zeroCrossings.accept(samples, count);
            rms.accept(samples, count);
            spectralFrames.accept(samples, count);
            chromaFrames.accept(samples, count);
        });
    }

    @Override
    public void accept(float[] interleaved, int frames) {
        loudness.accept(interleaved, frames);
        peak.accept(interleaved, frames);
        analysisSignal.accept(interleaved, frames);
    }

    /** Completes the measurement once {@code frames} frames (samples per channel) have been accepted. */
    public TrackAnalysis finish(long frames) {
        double durationSeconds = (double) frames / probed.sampleRate();
        LoudnessResult measured = loudness.result();
        double[] envelope = onsets.envelope();
        TempoEstimator.Estimate tempo = TempoEstimator.estimate(envelope, onsets.amplitudeRise(), framesPerSecond);
        int[] beatFrames = BeatTracker.track(envelope, framesPerSecond, tempo.bpm());
        double[] beatSeconds = new double[beatFrames.length];
        for (int i = 0; i < beatFrames.length; i++) {
            beatSeconds[i] = frameCentreSeconds(beatFrames[i]);
        }
        double[] chromaSums = chroma.chroma();
        KeyEstimate key = new KeyEstimator(KEY_PROFILE).estimate(chromaSums);

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
        descriptors.put("time_signature", (double) TimeSignatureEstimator.beatsPerBar(onsets.amplitudeRise(), beatFrames));
        descriptors.put("sample_rate_hz", (double) probed.sampleRate());
        descriptors.put("channels", (double) probed.channels());
        descriptors.put("analysis_sample_rate_hz", round(analysisRate, 100));

        SpectralDna dna = SpectralDnaBuilder.build(thumbnail, framesPerSecond, chromaSums,
                measured.loudnessPerSecond(), beatSeconds);
        return new TrackAnalysis(FeatureSet.AUDIO.select(features), descriptors, dna);
    }

    /** Time of the centre of STFT frame {@code frame} (frame t starts at sample t * hop). */
    private double frameCentreSeconds(int frame) {
        return (frame * (double) SPECTRAL_HOP + SPECTRAL_FRAME / 2.0) / analysisRate;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
