package io.hitorflop.launcher.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void doneJobShowsLabelVotesReasonsAndReadableFeatures() throws Exception {
        JsonNode job = JSON.readTree("""
                {"id": "j", "status": "DONE", "featureSet": "audio",
                 "features": {"tempo": 120.0, "loudness": -9.25, "key": 9.0, "mode": 0.0, "duration_ms": 95500.0,
                              "energy": 0.5},
                 "verdict": {"label": "HIT", "hitVotes": 3, "probability": 0.5612, "modelSet": "audio", "modelVersion": "abc-def",
                   "votes": [{"model": "random_forest", "label": "HIT", "probability": 0.71},
                             {"model": "xgboost", "label": "HIT", "probability": 0.66},
                             {"model": "ada_boost", "label": "HIT", "probability": 0.52},
                             {"model": "knn", "label": "FLOP", "probability": 0.4},
                             {"model": "decision_tree", "label": "FLOP", "probability": 0.0}],
                   "explanation": [{"feature": "loudness", "value": -9.25, "baseline": -7.0, "contribution": -0.041}]}}""");

        String report = VerdictReport.of(job);

        assertThat(report).contains("Verdict: HIT  (3 of 5 models say HIT; calibrated probability of HIT 0.561)")
                .contains("version abc-def")
                .containsPattern("random_forest +HIT +0\\.710")
                .containsPattern("decision_tree +FLOP +0\\.000")
                .containsPattern("loudness +-9\\.250 vs -7 +-0\\.041")
                .containsPattern("key +A \\(9\\)")
                .containsPattern("mode +minor")
                .containsPattern("tempo +120 BPM")
                .containsPattern("duration_ms +1:35\\.5")
                .containsPattern("energy +0\\.500\n");
    }

    @Test
    void aVerdictWhoseReasonsCouldNotBeComputedSaysWhy() throws Exception {
        JsonNode job = JSON.readTree("""
                {"id": "j", "status": "DONE", "featureSet": "audio", "features": {"tempo": 120.0},
                 "verdict": {"label": "FLOP", "hitVotes": 1, "probability": 0.21, "votes": [],
                   "explanation": [], "explanationPending": false,
                   "explanationUnavailable": {"type": "https://hitorflop.io/problems/explanation-unavailable",
                     "title": "The verdict's reasons could not be computed", "detail": "explaining ran out of memory"}}}""");

        String report = VerdictReport.of(job);

        assertThat(report).contains("Verdict: FLOP")
                .contains("What moved P(HIT): not available, the reasons could not be computed (explaining ran out of memory).")
                .doesNotContain("still being computed");
    }

    @Test
    void aSchemaTwoVerdictShowsTheShapleyBaselineAndTheClosestSongs() throws Exception {
        JsonNode job = JSON.readTree("""
                {"id": "j", "status": "DONE", "featureSet": "audio", "features": {"tempo": 120.0},
                 "verdict": {"label": "HIT", "hitVotes": 4, "probability": 0.62, "votes": [],
                   "explanation": [{"feature": "loudness", "value": -5.0, "baseline": -7.0, "contribution": 0.09},
                                   {"feature": "tempo", "value": 120.0, "baseline": 118.0, "contribution": 0.03}],
                   "explanationBaseline": 0.5,
                   "closestSongs": [{"title": "Hey Jude", "artist": "The Beatles", "decade": "60s", "label": "HIT",
                                     "distance": 0.4213},
                                    {"title": "Obscure B-Side", "artist": "Nobody", "decade": "90s", "label": "FLOP",
                                     "distance": 0.5}]}}""");

        String report = VerdictReport.of(job);

        assertThat(report).contains("from the typical song's 0.500 (Shapley values")
                .containsPattern("loudness +-5 vs -7 +\\+0\\.090")
                .contains("Closest training songs")
                .containsPattern("HIT +0\\.42  The Beatles - Hey Jude \\(60s\\)")
                .containsPattern("FLOP +0\\.50  Nobody - Obscure B-Side \\(90s\\)");
        assertThat(report.indexOf("Hey Jude")).isLessThan(report.indexOf("Obscure B-Side"));
    }

    @Test
    void failedJobShowsStageAndReason() throws Exception {
        JsonNode job = JSON.readTree("""
                {"status": "FAILED", "failure": {"type": "https://hitorflop.io/problems/unsupported-audio",
                 "title": "Audio cannot be decoded", "detail": "no audio stream", "stage": "ingest-service"}}""");

        assertThat(VerdictReport.failureOf(job)).contains("FAILED at ingest-service: Audio cannot be decoded")
                .contains("no audio stream").contains("unsupported-audio");
    }
}
