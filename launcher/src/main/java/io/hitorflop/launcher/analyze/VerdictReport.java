package io.hitorflop.launcher.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.FeatureSpec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The text a person reads for a finished job: verdict, each model's vote, why, the closest training
 * songs and the key features.
 */
public final class VerdictReport {

    private static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int CONTRIBUTIONS_SHOWN = 5;

    private VerdictReport() {
    }

    /** The report of a DONE job (its JSON as {@code GET /v1/jobs/{id}} returns it). */
    public static String of(JsonNode job) {
        JsonNode verdict = job.path("verdict");
        StringBuilder out = new StringBuilder();
        int models = verdict.path("votes").size();
        out.append(String.format(Locale.ROOT, "Verdict: %s  (%d of %d models say HIT; calibrated probability of HIT %.3f)%n",
                verdict.path("label").asText(), verdict.path("hitVotes").asInt(), models,
                verdict.path("probability").asDouble()));
        out.append(String.format(Locale.ROOT, "  model set %s, version %s%n",
                verdict.path("modelSet").asText(job.path("featureSet").asText()), verdict.path("modelVersion").asText("?")));
        out.append(String.format(Locale.ROOT, "%n  %-15s %-5s %s%n", "model", "vote", "P(HIT)"));
        for (JsonNode vote : verdict.path("votes")) {
            out.append(String.format(Locale.ROOT, "  %-15s %-5s %.3f%n", vote.path("model").asText(),
                    vote.path("label").asText(), vote.path("probability").asDouble()));
        }
        JsonNode explanation = verdict.path("explanation");
        JsonNode unavailable = verdict.path("explanationUnavailable");
        if (unavailable.isObject()) {
            out.append(String.format(Locale.ROOT, "%nWhat moved P(HIT): not available, the reasons could not be computed "
                    + "(%s).%n", unavailable.path("detail").asText(unavailable.path("title").asText())));
        } else if (verdict.path("explanationPending").asBoolean(false)) {
            out.append(String.format(Locale.ROOT, "%nWhat moved P(HIT): still being computed (the reasons follow the "
                    + "verdict); GET the job or open the dashboard link below in a minute.%n"));
        } else if (explanation.size() > 0) {
            JsonNode baseline = verdict.path("explanationBaseline");
            out.append(baseline.isNumber()
                    ? String.format(Locale.ROOT, "%nWhat moved P(HIT) from the typical song's %.3f (Shapley values; "
                            + "value vs training median):%n", baseline.asDouble())
                    : String.format(Locale.ROOT, "%nWhat moved P(HIT) most (value vs training baseline):%n"));
            for (int i = 0; i < Math.min(CONTRIBUTIONS_SHOWN, explanation.size()); i++) {
                JsonNode c = explanation.get(i);
                out.append(String.format(Locale.ROOT, "  %-17s %12s vs %-12s %+.3f%n", c.path("feature").asText(),
                        number(c.path("value").asDouble()), number(c.path("baseline").asDouble()),
                        c.path("contribution").asDouble()));
            }
        }
        JsonNode closest = verdict.path("closestSongs");
        if (closest.size() > 0) {
            out.append(String.format(Locale.ROOT, "%nClosest training songs (distance in the KNN model's scaled features):%n"));
            for (JsonNode song : closest) {
                out.append(String.format(Locale.ROOT, "  %-4s %5.2f  %s - %s (%s)%n", song.path("label").asText(),
                        song.path("distance").asDouble(), song.path("artist").asText(), song.path("title").asText(),
                        song.path("decade").asText()));
            }
        }
        out.append(String.format(Locale.ROOT, "%nKey features:%n"));
        Map<String, FeatureSpec> specs = specsOf(job.path("featureSet").asText());
        job.path("features").fields().forEachRemaining(feature -> out.append(String.format(Locale.ROOT, "  %-17s %s%n",
                feature.getKey(), describe(feature.getKey(), feature.getValue().asDouble(), specs.get(feature.getKey())))));
        return out.toString();
    }

    /** The failure of a FAILED job in one paragraph. */
    public static String failureOf(JsonNode job) {
        JsonNode failure = job.path("failure");
        return String.format(Locale.ROOT, "FAILED at %s: %s%n  %s%n  (%s)%n", failure.path("stage").asText("?"),
                failure.path("title").asText(), failure.path("detail").asText(), failure.path("type").asText());
    }

    private static String describe(String name, double value, FeatureSpec spec) {
        return switch (name) {
            case "key" -> value < 0 ? "none detected" : PITCH_CLASSES[(int) value] + " (" + (int) value + ")";
            case "mode" -> value == 1 ? "major" : "minor";
            case "duration_ms" -> String.format(Locale.ROOT, "%d:%04.1f", (long) value / 60_000, (value % 60_000) / 1000);
            default -> number(value) + (spec == null || spec.unit().equals("0..1") ? "" : " " + spec.unit());
        };
    }

    private static Map<String, FeatureSpec> specsOf(String featureSet) {
        Optional<FeatureSet> set = Arrays.stream(FeatureSet.values()).filter(s -> s.id().equals(featureSet)).findFirst();
        return set.map(s -> s.features().stream().collect(Collectors.toMap(FeatureSpec::name, Function.identity())))
                .orElse(Map.of());
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
