package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.SampleVectors;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.contract.models.ModelNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Loads the real packaged models (written by the training module) and damaged copies of them. */
class EnsembleLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path models;

    private OrtSession.SessionOptions options;

    @BeforeEach
    void copyPackagedModels() throws IOException {
        options = new OrtSession.SessionOptions();
        for (FeatureSet set : FeatureSet.values()) {
            Path dir = Files.createDirectories(models.resolve(set.id()));
            ModelCard card = JSON.readValue(packaged(set.id() + "/" + ModelCard.FILE_NAME), ModelCard.class);
            Files.write(dir.resolve(ModelCard.FILE_NAME), packaged(set.id() + "/" + ModelCard.FILE_NAME));
            for (String file : card.files()) {
                Files.write(dir.resolve(file), packaged(set.id() + "/" + file));
            }
        }
    }

    @AfterEach
    void closeOptions() {
        options.close();
    }

    @Test
    void thePackagedSpotifySetScoresAVectorWithFiveVotesAndAnExplanationPerFeature() throws Exception {
        try (Ensemble spotify = loader().load(FeatureSet.SPOTIFY)) {
            assertWellFormed(spotify, SampleVectors.validSpotify(), FeatureSet.SPOTIFY);
        }
    }

    @Test
    void thePackagedAudioSetScoresAMeasuredVector() throws Exception {
        try (Ensemble audio = loader().load(FeatureSet.AUDIO)) {
            assertWellFormed(audio, FeatureSet.AUDIO.select(SampleVectors.validSpotify()), FeatureSet.AUDIO);
        }
    }

    private static void assertWellFormed(Ensemble ensemble, Map<String, Double> song, FeatureSet set) throws Exception {
        Verdict verdict = ensemble.judge(List.of(song)).get(0);
        Ensemble.Explanation explanation = ensemble.explanation(song);
        var auc = JSON.readTree(packaged(set.id() + "/" + ModelCard.FILE_NAME)).path("metrics")
                .path(ModelCard.REPORTED_METRICS).path("rocAuc");
        assertThat(verdict.heldOutAuc()).as("the card's held-out AUC of the reported probability").isNotNull();
        assertThat(verdict.heldOutAuc().value()).isEqualTo(auc.path("value").asDouble());
        assertThat(verdict.heldOutAuc().ci95Low()).isEqualTo(auc.path("ci95Low").asDouble());
        assertThat(verdict.heldOutAuc().ci95High()).isEqualTo(auc.path("ci95High").asDouble());
        assertThat(verdict.votes()).extracting(vote -> vote.model()).containsExactlyElementsOf(ModelNames.ALL);
        assertThat(verdict.votes()).allSatisfy(vote -> assertThat(vote.probability()).isBetween(0.0, 1.0));
        ReportedProbability reported = JSON.readValue(packaged(set.id() + "/" + ModelCard.FILE_NAME), ModelCard.class)
                .reportedProbability();
        assertThat(verdict.probability()).isCloseTo(
                reported.of(verdict.votes().stream().mapToDouble(vote -> vote.probability()).toArray()), within(1e-12));
        // The explanation scores the song in its own batch of ~1,000 rows: with more than one intra-op
        // thread ONNX Runtime sums a forest's trees in float32 in a batch-dependent order.
        assertThat(explanation.probability()).isCloseTo(verdict.probability(), within(1e-6));
        assertThat(explanation.contributions().stream().mapToDouble(c -> c.contribution()).sum())
                .isCloseTo(explanation.probability() - explanation.baseline(), within(1e-9));
        assertThat(verdict.hitVotes()).isEqualTo(
                (int) verdict.votes().stream().filter(vote -> vote.label() == Verdict.Label.HIT).count());
        assertThat(verdict.label()).isEqualTo(reported.saysHit(verdict.probability()) ? Verdict.Label.HIT : Verdict.Label.FLOP);
        assertThat(verdict.explanation()).as("explained by a follow-up event").isEmpty();
        assertThat(explanation.contributions()).extracting(c -> c.feature()).containsExactlyInAnyOrderElementsOf(set.names());
        assertThat(explanation.contributions()).extracting(c -> Math.abs(c.contribution()))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aModelWhoseBytesDoNotMatchTheCardIsRefused() throws Exception {
        Path onnx = models.resolve("audio").resolve(modelFile("audio", ModelNames.KNN));
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(onnx, bytes);

        assertThatThrownBy(() -> loader().load(FeatureSet.AUDIO))
                .isInstanceOf(ModelSetException.class)
                .hasMessageContaining("sha256")
                .hasMessageContaining(onnx.getFileName().toString());
    }

    @Test
    void aCorruptGraphIsRefusedEvenWhenTheCardMatchesIt() throws Exception {
        Path onnx = models.resolve("audio").resolve(modelFile("audio", ModelNames.XGBOOST));
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(onnx), 100);
        Files.write(onnx, truncated);
        rewriteCard("audio", card -> card.withArray("models").forEach(model -> {
            if (model.get("name").asText().equals(ModelNames.XGBOOST)) {
                ((ObjectNode) model).put("sha256", sha256(truncated));
            }
        }));

        assertThatThrownBy(() -> loader().load(FeatureSet.AUDIO))
                .isInstanceOf(ModelSetException.class)
                .hasMessageContaining("not a usable ONNX graph");
    }

    @Test
    void aMissingModelOrCardIsRefused() throws Exception {
        Files.delete(models.resolve("spotify").resolve(modelFile("spotify", ModelNames.ADA_BOOST)));
        assertThatThrownBy(() -> loader().load(FeatureSet.SPOTIFY))
                .isInstanceOf(ModelSetException.class)
                .hasMessageContaining("cannot be read");

        Files.delete(models.resolve("audio").resolve(ModelCard.FILE_NAME));
        assertThatThrownBy(() -> loader().load(FeatureSet.AUDIO))
                .isInstanceOf(ModelSetException.class)
                .hasMessageContaining("model card");
    }

    @Test
    void aCardWhoseFeaturesDifferFromTheContractIsRefused() throws Exception {
        rewriteCard("audio", card -> ((ObjectNode) card.withArray("features").get(0)).put("name", "bpm"));

        assertThatThrownBy(() -> loader().load(FeatureSet.AUDIO))
                .isInstanceOf(ModelSetException.class)
                .hasMessageContaining("the contract says");
    }

    private EnsembleLoader loader() {
        return new EnsembleLoader(new ModelFiles(Optional.of(models)), JSON, OrtEnvironment.getEnvironment(), options);
    }

    private String modelFile(String set, String name) throws IOException {
        ModelCard card = JSON.readValue(models.resolve(set).resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class);
        return card.models().stream().filter(model -> model.name().equals(name)).findFirst().orElseThrow().file();
    }

    private void rewriteCard(String set, java.util.function.Consumer<ObjectNode> change) throws IOException {
        Path file = models.resolve(set).resolve(ModelCard.FILE_NAME);
        ObjectNode card = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(card);
        JSON.writeValue(file.toFile(), card);
    }

    private static byte[] packaged(String path) throws IOException {
        try (InputStream in = EnsembleLoaderTest.class.getClassLoader().getResourceAsStream("models/" + path)) {
            assertThat(in).as("packaged model file models/" + path).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
