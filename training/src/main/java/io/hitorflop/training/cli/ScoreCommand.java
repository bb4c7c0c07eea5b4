package io.hitorflop.training.cli;

import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureViolation;
import io.hitorflop.contract.models.EnsembleVote;
import io.hitorflop.training.data.CsvRows;
import io.hitorflop.training.data.SpotifySongsData;
import io.hitorflop.training.evaluation.BinaryMetrics;
import io.hitorflop.training.evaluation.EnsembleScores;
import io.hitorflop.training.learners.Scores;
import io.hitorflop.training.scoring.OnnxEnsemble;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code score <csv> --set audio|spotify [--out file] [--metrics]}: scores every row of a CSV
 * that has the set's feature columns with the set's five shipped ONNX models. A label column is
 * recognised as {@code target} or {@code hit} (1 = HIT) or {@code track_popularity} (HIT when
 * &gt;= 15, the replaced system's rule). Besides each model and both votes it writes the card's reported
 * probability and label: what a verdict says.
 */
final class ScoreCommand {

    record Labelled(float[][] rows, int[] truth) {
    }

    static void run(Path csv, FeatureSet set, Path modelsDir, Path out, boolean metrics, PrintStream console) {
        List<Map<String, String>> records = CsvRows.read(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no data rows");
        }
        Labelled input = parse(records, set);
        try (OnnxEnsemble ensemble = new OnnxEnsemble(modelsDir.resolve(set.id()))) {
            Map<String, Scores> scores = new LinkedHashMap<>(ensemble.score(input.rows()));
            List<Scores> members = new ArrayList<>(scores.values());
            EnsembleVote rule = EnsembleVote.of(ensemble.card());
            Scores hard = EnsembleScores.hard(members, rule);
            Scores soft = EnsembleScores.soft(members, rule);
            Scores reported = EnsembleScores.reported(scores, ensemble.card().reportedProbability());
            write(out, scores, hard, soft, reported, input.truth(), console);
            if (metrics) {
                if (input.truth() == null) {
                    throw new IllegalArgumentException("--metrics needs a label column (target, hit or track_popularity)");
                }
                scores.put("hard_vote", hard);
                scores.put("soft_vote", soft);
                scores.put("reported", reported);
                printMetrics(scores, input.truth(), ensemble.card().version(), console);
            }
        }
    }

    static Labelled parse(List<Map<String, String>> records, FeatureSet set) {
        float[][] rows = new float[records.size()][];
        String labelColumn = List.of("target", "hit", "track_popularity").stream()
                .filter(records.get(0)::containsKey).findFirst().orElse(null);
        int[] truth = labelColumn == null ? null : new int[records.size()];
        for (int r = 0; r < records.size(); r++) {
            Map<String, String> record = records.get(r);
            Map<String, Double> values = new LinkedHashMap<>();
            for (String name : set.names()) {
                String text = record.get(name);
                try {
                    values.put(name, text == null || text.isBlank() ? null : Double.valueOf(text.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("row " + (r + 1) + ": " + name + " is not a number: '" + text + "'");
                }
            }
            List<FeatureViolation> violations = set.validate(values);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("row " + (r + 1) + " cannot be scored with the '" + set.id() + "' set: " + violations);
            }
            rows[r] = set.toVector(values);
            if (truth != null) {
                double label = Double.parseDouble(record.get(labelColumn).trim());
                truth[r] = labelColumn.equals("track_popularity")
                        ? (label >= SpotifySongsData.POPULARITY_HIT_THRESHOLD ? 1 : 0)
                        : (int) label;
            }
        }
        return new Labelled(rows, truth);
    }

    private static void write(Path out, Map<String, Scores> scores, Scores hard, Scores soft, Scores reported, int[] truth,
                              PrintStream console) {
        try (PrintWriter writer = out == null
                ? new PrintWriter(console, false, StandardCharsets.UTF_8)
                : new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            List<String> header = new ArrayList<>(List.of("row"));
            scores.keySet().forEach(name -> header.add("p_" + name));
            header.addAll(List.of("hard_vote_hits", "hard_vote", "soft_probability", "soft_vote", "reported_probability",
                    "reported"));
            if (truth != null) {
                header.add("truth");
            }
            writer.println(String.join(",", header));
            int n = hard.label().length;
            for (int i = 0; i < n; i++) {
                StringBuilder line = new StringBuilder().append(i + 1);
                for (Scores s : scores.values()) {
                    line.append(',').append(String.format(Locale.ROOT, "%.6f", s.hitProbability()[i]));
                }
                line.append(',').append(Math.round(hard.hitProbability()[i] * scores.size()))
                        .append(',').append(hard.label()[i] == 1 ? "HIT" : "FLOP")
                        .append(',').append(String.format(Locale.ROOT, "%.6f", soft.hitProbability()[i]))
                        .append(',').append(soft.label()[i] == 1 ? "HIT" : "FLOP")
                        .append(',').append(String.format(Locale.ROOT, "%.6f", reported.hitProbability()[i]))
                        .append(',').append(reported.label()[i] == 1 ? "HIT" : "FLOP");
                if (truth != null) {
                    line.append(',').append(truth[i] == 1 ? "HIT" : "FLOP");
                }
                writer.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    private static void printMetrics(Map<String, Scores> scores, int[] truth, String version, PrintStream console) {
        console.printf(Locale.ROOT, "models %s, %d rows, %d HIT%n", version, truth.length, java.util.Arrays.stream(truth).sum());
        console.printf(Locale.ROOT, "%-14s %9s %9s %9s %9s %9s %9s%n", "model", "accuracy", "precision", "recall", "f1", "roc_auc", "brier");
        scores.forEach((name, s) -> {
            BinaryMetrics m = BinaryMetrics.of(truth, s.hitProbability(), s.label());
            console.printf(Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", name,
                    m.accuracy(), m.precision(), m.recall(), m.f1(), m.rocAuc(), m.brier());
        });
    }

    private ScoreCommand() {
    }
}
