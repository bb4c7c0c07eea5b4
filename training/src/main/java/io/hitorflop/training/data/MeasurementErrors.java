package io.hitorflop.training.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the feature engine's measurements err, measured on the development corpus
 * ({@code benchmarks/dev-corpus}: rendered Debian MIDI files and generated songs whose tempo, key
 * and mode come from the MIDI meta events, loudness from ffmpeg's ebur128). Regenerate the
 * resource with {@code benchmarks/dev-corpus/build-corpus.py}, then
 * {@code java -cp benchmarks/target/benchmarks.jar io.hitorflop.benchmarks.devcorpus.DevCorpusEvaluation
 * benchmarks/target/dev-corpus --error-model training/src/main/resources/io/hitorflop/training/data/measurement-errors.json}.
 *
 * @param tempoFactorShares share of corpus files whose measured tempo is the true one times the
 *                          key ("1", "2", "0.5", "3", "1/3", "1.5", "2/3"; "other": none of them within 4 %)
 * @param keyRelationShares share of keyed files whose measured key is the true one ("exact"),
 *                          its "dominant", "subdominant", "relative", "parallel", another ("other"), or none
 * @param loudnessErrorsLu  integrated loudness minus ffmpeg's ebur128 on every corpus file
 */
public record MeasurementErrors(String source, int files, int tempoFiles, Map<String, Double> tempoFactorShares,
                                int keyFiles, Map<String, Double> keyRelationShares, List<Double> loudnessErrorsLu) {

    public static final String RESOURCE = "measurement-errors.json";

    public MeasurementErrors {
        tempoFactorShares = new LinkedHashMap<>(tempoFactorShares);
        keyRelationShares = new LinkedHashMap<>(keyRelationShares);
        loudnessErrorsLu = List.copyOf(loudnessErrorsLu);
    }

    /** The committed measurement beside this class. */
    public static MeasurementErrors measured() {
        try (InputStream in = MeasurementErrors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, MeasurementErrors.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
