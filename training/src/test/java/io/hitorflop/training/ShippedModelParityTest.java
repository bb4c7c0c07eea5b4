package io.hitorflop.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.training.data.FeatureMatrix;
import io.hitorflop.training.data.HitPredictorData;
import io.hitorflop.training.evaluation.EnsembleScores;
import io.hitorflop.training.learners.Learners;
import io.hitorflop.training.learners.Scores;
import io.hitorflop.training.pipeline.DevelopmentData;
import io.hitorflop.training.pipeline.EnsembleTraining;
import io.hitorflop.training.pipeline.Fingerprints;
import io.hitorflop.training.pipeline.RepoLayout;
import io.hitorflop.training.pipeline.TrainedModel;
import io.hitorflop.training.scoring.OnnxEnsemble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-creates every shipped model from the hyper-parameters in its card (no search) on the same
 * split, and checks that (a) the fresh ONNX export equals the shipped file byte for byte and
 * (b) ONNX Runtime on the shipped file agrees with the in-JVM model on the held-back test rows:
 * every label, P(HIT) within 1e-5, both votes, and the card's reported probability (within 1e-5)
 * and label.
 */
@Tag("slow")
class ShippedModelParityTest {


    private static RepoLayout layout;
    private static DevelopmentData data;

    @BeforeAll
    static void loadData() {
        // Tribuo logs each AdaBoost round at INFO.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (var handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        layout = RepoLayout.locate();
        data = DevelopmentData.load(layout.data());
    }

    @ParameterizedTest
    @EnumSource(FeatureSet.class)
    void shippedModelsAreReproducedAndAgreeWithOnnxRuntime(FeatureSet set) throws Exception {
        Path dir = layout.models().resolve(set.id());
        ModelCard card = new ObjectMapper().readValue(dir.resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class);
        assertThat(card.features()).extracting(ModelCard.Feature::name).containsExactlyElementsOf(set.names());
        assertThat(card.models()).extracting(ModelCard.Model::name).containsExactlyElementsOf(ModelNames.ALL);
        assertThat(card.dataSha256()).isEqualTo(Fingerprints.dataSha256(layout.data().resolve(HitPredictorData.FILE)));
        assertThat(card.codeRevision())
                .as("the shipped models come from other training sources; re-run the train command")
                .isEqualTo(Fingerprints.codeRevision(layout.trainingSources()));
        assertThat(card.version()).isEqualTo(card.dataSha256().substring(0, 12) + "-" + card.codeRevision());

        FeatureMatrix train = data.fittingMatrix(set);
        FeatureMatrix test = data.testMatrix(set);
        Map<String, Scores> jvmScores = new LinkedHashMap<>();
        Map<String, Scores> onnxScores = new LinkedHashMap<>();
        try (OnnxEnsemble shipped = new OnnxEnsemble(dir)) {
            Map<String, Scores> runtime = shipped.score(test.rows());
            for (ModelCard.Model model : card.models()) {
                TrainedModel refit = EnsembleTraining.fit(Learners.named(model.name()), model.hyperparameters(), null, train, test);
                byte[] shippedBytes = Files.readAllBytes(dir.resolve(model.file()));
                assertThat(refit.onnx()).as("%s/%s re-exported bytes", set.id(), model.name()).isEqualTo(shippedBytes);
                assertThat(Fingerprints.sha256(shippedBytes)).isEqualTo(model.sha256());

                Scores jvm = refit.testScores();
                Scores ort = runtime.get(model.name());
                assertThat(ort.label()).as("%s/%s labels", set.id(), model.name()).containsExactly(jvm.label());
                for (int i = 0; i < test.size(); i++) {
                    assertThat(ort.hitProbability()[i]).as("%s/%s P(HIT) of test row %d", set.id(), model.name(), i)
                            .isCloseTo(jvm.hitProbability()[i], org.assertj.core.data.Offset.offset(OnnxEnsemble.PARITY_TOLERANCE));
                }
                jvmScores.put(model.name(), jvm);
                onnxScores.put(model.name(), ort);
            }
        }
        EnsembleVote rule = EnsembleVote.of(card);
        List<Scores> jvmMembers = List.copyOf(jvmScores.values());
        List<Scores> onnxMembers = List.copyOf(onnxScores.values());
        assertThat(EnsembleScores.hard(onnxMembers, rule).label()).containsExactly(EnsembleScores.hard(jvmMembers, rule).label());
        assertThat(EnsembleScores.soft(onnxMembers, rule).label()).containsExactly(EnsembleScores.soft(jvmMembers, rule).label());
        Scores jvmReported = EnsembleScores.reported(jvmScores, card.reportedProbability());
        Scores onnxReported = EnsembleScores.reported(onnxScores, card.reportedProbability());
        for (int i = 0; i < test.size(); i++) {
            assertThat(onnxReported.hitProbability()[i]).as("%s reported P(HIT) of test row %d", set.id(), i)
                    .isCloseTo(jvmReported.hitProbability()[i], org.assertj.core.data.Offset.offset(OnnxEnsemble.PARITY_TOLERANCE));
        }
        assertThat(onnxReported.label()).containsExactly(jvmReported.label());
    }
}
