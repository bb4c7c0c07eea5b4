package io.hitorflop.benchmarks.devcorpus;

import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.TrackAnalysis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the feature engine against the truth of the development corpus that
 * {@code benchmarks/dev-corpus/build-corpus.py} builds: tempo (strict within 4 % and
 * octave-tolerant), key and mode with their confusions, loudness against ffmpeg's ebur128, and the
 * time signature. Prints a summary, writes one line per file to {@code <corpus>/measured.csv}, and
 * with {@code --error-model <file>} the measured error rates that training's augmentation draws
 * from ({@code MeasurementErrorModel} there reads the same fields).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.hitorflop.benchmarks.devcorpus.DevCorpusEvaluation \
 *      benchmarks/target/dev-corpus [--error-model training/src/main/resources/io/hitorflop/training/data/measurement-errors.json]
 * </pre>
 */
public final class DevCorpusEvaluation {

    static final double STRICT_TOLERANCE = 0.04;
    static final String REGENERATE = "benchmarks/dev-corpus/build-corpus.py && java -cp benchmarks/target/benchmarks.jar "
            + "io.hitorflop.benchmarks.devcorpus.DevCorpusEvaluation benchmarks/target/dev-corpus --error-model "
            + "training/src/main/resources/io/hitorflop/training/data/measurement-errors.json";

    private DevCorpusEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path errorModel = args.length > 2 && args[1].equals("--error-model") ? Path.of(args[2]) : null;
        List<Map<String, String>> truth = readCsv(corpus.resolve("truth.csv"));
        FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());
        List<Measured> measured = new ArrayList<>();
        for (Map<String, String> row : truth) {
            TrackAnalysis analysis = engine.analyze(corpus.resolve("audio").resolve(row.get("file")));
            measured.add(new Measured(row, analysis));
        }
        writeMeasured(measured, corpus.resolve("measured.csv"));
        Summary summary = Summary.of(measured);
        summary.print(System.out);
        if (errorModel != null) {
            Files.writeString(errorModel, summary.errorModelJson());
            System.out.println("error model written to " + errorModel);
        }
    }

    /** One corpus file: its truth and what the engine measured. */
    record Measured(Map<String, String> truth, TrackAnalysis analysis) {

        double trueTempo() {
            return Double.parseDouble(truth.get("tempo_bpm"));
        }

        double tempo() {
            return analysis.modelFeatures().get("tempo");
        }

        boolean steadyTempo() {
            return Integer.parseInt(truth.get("tempo_changes")) == 1;
        }

        int trueKey() {
            return Integer.parseInt(truth.get("key"));
        }

        int trueMode() {
            return Integer.parseInt(truth.get("mode"));
        }

        int key() {
            return analysis.modelFeatures().get("key").intValue();
        }

        int mode() {
            return analysis.modelFeatures().get("mode").intValue();
        }

        double loudnessError() {
            return analysis.modelFeatures().get("loudness") - Double.parseDouble(truth.get("loudness_lufs"));
        }

        /** 3 or 4 beats per bar, 0 for other metres (5/4, 6/4, 6/8...), which are not scored. */
        int trueBeatsPerBar() {
            String[] signature = truth.get("time_signature").split("/");
            int numerator = Integer.parseInt(signature[0]);
            return numerator == 3 ? 3 : numerator == 4 || numerator == 2 ? 4 : 0;
        }

        int beatsPerBar() {
            Double estimate = analysis.descriptors().get("time_signature");
            return estimate == null ? 0 : estimate.intValue();
        }

        String source() {
            return truth.get("source");
        }
    }

    /** The tempo octave factor (measured / true) that the measurement is within 4 % of; NaN for none. */
    static double octaveFactor(double measured, double truth) {
        for (double factor : new double[] {1, 2, 0.5, 3, 1.0 / 3, 1.5, 2.0 / 3}) {
            if (Math.abs(measured - factor * truth) <= STRICT_TOLERANCE * factor * truth) {
                return factor;
            }
        }
        return Double.NaN;
    }

    /** How a measured key relates to the true one. */
    static String keyRelation(int trueKey, int trueMode, int key, int mode) {
        if (key < 0) {
            return "none";
        }
        int interval = Math.floorMod(key - trueKey, 12);
        if (mode == trueMode) {
            return interval == 0 ? "exact" : interval == 7 ? "dominant" : interval == 5 ? "subdominant" : "other";
        }
        if (interval == 0) {
            return "parallel";
        }
        // relative: the minor key a minor third below its major, the major a minor third above its minor
        boolean relative = trueMode == 1 ? interval == 9 : interval == 3;
        return relative ? "relative" : "other";
    }

    record Summary(List<Measured> all) {

        static Summary of(List<Measured> measured) {
            return new Summary(measured);
        }

        List<Measured> tempoScored() {
            return all.stream().filter(Measured::steadyTempo).toList();
        }

        List<Measured> keyScored() {
            return all.stream().filter(m -> m.trueKey() >= 0).toList();
        }

        List<Measured> meterScored() {
            return all.stream().filter(m -> m.trueBeatsPerBar() > 0).toList();
        }

        Map<String, Integer> tempoFactors(List<Measured> files) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String name : new String[] {"1", "2", "0.5", "3", "1/3", "1.5", "2/3", "other"}) {
                counts.put(name, 0);
            }
            for (Measured m : files) {
                counts.merge(factorName(octaveFactor(m.tempo(), m.trueTempo())), 1, Integer::sum);
            }
            return counts;
        }

        static String factorName(double factor) {
            if (Double.isNaN(factor)) {
                return "other";
            }
            return factor == 1.0 / 3 ? "1/3" : factor == 2.0 / 3 ? "2/3" : new java.text.DecimalFormat("0.#").format(factor);
        }

        Map<String, Integer> keyRelations() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String name : new String[] {"exact", "dominant", "subdominant", "relative", "parallel", "other", "none"}) {
                counts.put(name, 0);
            }
            for (Measured m : keyScored()) {
                counts.merge(keyRelation(m.trueKey(), m.trueMode(), m.key(), m.mode()), 1, Integer::sum);
            }
            return counts;
        }

        double[] loudnessErrors() {
            return all.stream().mapToDouble(Measured::loudnessError).sorted().toArray();
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "files: %d%n", all.size());
            Map<String, List<Measured>> bySource = new TreeMap<>();
            for (Measured m : tempoScored()) {
                bySource.computeIfAbsent(m.source(), s -> new ArrayList<>()).add(m);
            }
            bySource.put("all", tempoScored());
            for (Map.Entry<String, List<Measured>> entry : bySource.entrySet()) {
                Map<String, Integer> factors = tempoFactors(entry.getValue());
                int n = entry.getValue().size();
                int strict = factors.get("1");
                int octave = strict + factors.get("2") + factors.get("0.5");
                out.printf(Locale.ROOT, "tempo %-24s strict %d/%d (%.1f %%), octave-tolerant %d/%d (%.1f %%), factors %s%n",
                        entry.getKey(), strict, n, 100.0 * strict / n, octave, n, 100.0 * octave / n, factors);
            }
            List<Measured> keyed = keyScored();
            Map<String, Integer> relations = keyRelations();
            out.printf(Locale.ROOT, "key: exact %d/%d, relations %s%n", relations.get("exact"), keyed.size(), relations);
            long modeRight = keyed.stream().filter(m -> m.mode() == m.trueMode()).count();
            out.printf(Locale.ROOT, "mode: %d/%d%n", modeRight, keyed.size());
            double[] loudness = loudnessErrors();
            out.printf(Locale.ROOT, "loudness - ebur128 (LU): mean %.3f, min %.3f, median %.3f, max %.3f%n",
                    mean(loudness), loudness[0], loudness[loudness.length / 2], loudness[loudness.length - 1]);
            List<Measured> metered = meterScored();
            long meterRight = metered.stream().filter(m -> m.beatsPerBar() == m.trueBeatsPerBar()).count();
            for (int beats : new int[] {3, 4}) {
                List<Measured> ofBeats = metered.stream().filter(m -> m.trueBeatsPerBar() == beats).toList();
                long right = ofBeats.stream().filter(m -> m.beatsPerBar() == beats).count();
                out.printf(Locale.ROOT, "time signature %d/4: %d/%d%n", beats, right, ofBeats.size());
            }
            out.printf(Locale.ROOT, "time signature: %d/%d (%.1f %%)%n", meterRight, metered.size(),
                    100.0 * meterRight / Math.max(1, metered.size()));
            List<Measured> recorded = metered.stream().filter(m -> !m.source().equals("generated")).toList();
            long recordedRight = recorded.stream().filter(m -> m.beatsPerBar() == m.trueBeatsPerBar()).count();
            out.printf(Locale.ROOT, "time signature, Debian MIDI files only: %d/%d; always 4: %d/%d on all, %d/%d on Debian%n",
                    recordedRight, recorded.size(), metered.stream().filter(m -> m.trueBeatsPerBar() == 4).count(),
                    metered.size(), recorded.stream().filter(m -> m.trueBeatsPerBar() == 4).count(), recorded.size());
        }

        String errorModelJson() {
            List<Measured> tempoFiles = tempoScored();
            Map<String, Integer> factors = tempoFactors(tempoFiles);
            Map<String, Integer> relations = keyRelations();
            int keyed = keyScored().size();
            StringBuilder json = new StringBuilder("{\n");
            json.append("  \"source\": \"" + REGENERATE + "\",\n");
            json.append(String.format(Locale.ROOT, "  \"files\": %d,%n", all.size()));
            json.append(String.format(Locale.ROOT, "  \"tempoFiles\": %d,%n", tempoFiles.size()));
            json.append("  \"tempoFactorShares\": {");
            appendShares(json, factors, tempoFiles.size());
            json.append("},\n");
            json.append(String.format(Locale.ROOT, "  \"keyFiles\": %d,%n", keyed));
            json.append("  \"keyRelationShares\": {");
            appendShares(json, relations, keyed);
            json.append("},\n");
            double[] loudness = loudnessErrors();
            json.append("  \"loudnessErrorsLu\": [");
            for (int i = 0; i < loudness.length; i++) {
                json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", loudness[i]));
            }
            json.append("]\n}\n");
            return json.toString();
        }

        private static void appendShares(StringBuilder json, Map<String, Integer> counts, int total) {
            int i = 0;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                json.append(i++ == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": %.4f",
                        entry.getKey(), total == 0 ? 0 : (double) entry.getValue() / total));
            }
        }
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static void writeMeasured(List<Measured> measured, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(
                "file,true_tempo,tempo,factor,true_key,true_mode,key,mode,loudness_error,true_beats,beats\n");
        for (Measured m : measured) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.2f,%s,%d,%d,%d,%d,%.3f,%d,%d%n", m.truth().get("file"),
                    m.truth().get("tempo_bpm"), m.tempo(), Summary.factorName(octaveFactor(m.tempo(), m.trueTempo())),
                    m.trueKey(), m.trueMode(), m.key(), m.mode(), m.loudnessError(), m.trueBeatsPerBar(),
                    m.beatsPerBar()));
        }
        Files.writeString(file, csv);
    }
}
