package io.hitorflop.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.training.pipeline.RepoLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The score command against the shipped audio models, on a small CSV written here. */
class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesPerModelProbabilitiesAndConsistentVotes() throws Exception {
        Path csv = dir.resolve("songs.csv");
        Files.writeString(csv, """
                title,tempo,loudness,key,mode,duration_ms,target
                radio pop,118,-5.5,5,1,215000,1
                quiet ambient,70,-24,2,0,540000,0
                rock,140,-8,9,1,250000,1
                spoken word,95,-18,0,1,95000,0
                """);
        Path out = dir.resolve("scores.csv");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ScoreCommand.run(csv, FeatureSet.AUDIO, RepoLayout.locate().models(), out, true,
                new PrintStream(console, true, StandardCharsets.UTF_8));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("row,p_random_forest,p_xgboost,p_ada_boost,p_knn,p_decision_tree,"
                + "hard_vote_hits,hard_vote,soft_probability,soft_vote,reported_probability,reported,truth");
        ReportedProbability card = new ObjectMapper().readValue(RepoLayout.locate().models().resolve("audio")
                .resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class).reportedProbability();
        assertThat(lines).hasSize(5);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] p = Arrays.stream(cells, 1, 6).mapToDouble(Double::parseDouble).toArray();
            for (double v : p) {
                assertThat(v).isBetween(0.0, 1.0);
            }
            int hits = Integer.parseInt(cells[6]);
            assertThat(cells[7]).isEqualTo(hits >= 3 ? "HIT" : "FLOP");
            double soft = Double.parseDouble(cells[8]);
            assertThat(soft).isCloseTo(Arrays.stream(p).average().orElseThrow(), within(1e-5));
            assertThat(cells[9]).isEqualTo(soft >= 0.5 ? "HIT" : "FLOP");
            double reported = Double.parseDouble(cells[10]);
            assertThat(reported).isCloseTo(card.of(p), within(1e-5));
            assertThat(cells[11]).isEqualTo(card.saysHit(reported) ? "HIT" : "FLOP");
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("4 rows, 2 HIT").contains("hard_vote").contains("soft_vote").contains("reported").contains("roc_auc");
    }

    @Test
    void rejectsRowsOutsideTheCardRangesWithTheRowNumber() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, """
                tempo,loudness,key,mode,duration_ms
                118,-5.5,5,1,215000
                118,-5.5,14,1,215000
                """);
        assertThatThrownBy(() -> ScoreCommand.run(csv, FeatureSet.AUDIO, RepoLayout.locate().models(), null, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("key");
    }

    @Test
    void metricsNeedALabelColumn() throws Exception {
        Path csv = dir.resolve("unlabelled.csv");
        Files.writeString(csv, "tempo,loudness,key,mode,duration_ms\n118,-5.5,5,1,215000\n");
        assertThatThrownBy(() -> ScoreCommand.run(csv, FeatureSet.AUDIO, RepoLayout.locate().models(), dir.resolve("o.csv"), true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("label column");
    }
}
