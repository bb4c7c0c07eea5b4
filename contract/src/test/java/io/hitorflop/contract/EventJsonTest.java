package io.hitorflop.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hitorflop.contract.events.ClosestSong;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.HeldOutAuc;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void verdictRoundTripsWithItsSchemaVersion() throws Exception {
        Verdict verdict = new Verdict(Verdict.Label.HIT, 3, 0.61,
                List.of(new ModelVote("knn", Verdict.Label.HIT, 0.8)),
                List.of(new FeatureContribution("loudness", -5.0, -9.0, 0.11)), new HeldOutAuc(0.71, 0.69, 0.74),
                0.5, List.of(new ClosestSong("Hey Jude", "The Beatles", "60s", Verdict.Label.HIT, 0.42)));
        VerdictReady event = VerdictReady.of(UUID.randomUUID(), "audio", "abc-123", verdict);

        String text = json.writeValueAsString(event);
        assertThat(text).contains("\"schemaVersion\":2").contains("\"label\":\"HIT\"")
                .contains("\"heldOutAuc\":{\"value\":0.71,\"ci95Low\":0.69,\"ci95High\":0.74}")
                .contains("\"explanationBaseline\":0.5")
                .contains("\"closestSongs\":[{\"title\":\"Hey Jude\",\"artist\":\"The Beatles\",\"decade\":\"60s\","
                        + "\"label\":\"HIT\",\"distance\":0.42}]");
        assertThat(json.readValue(text, VerdictReady.class)).isEqualTo(event);
    }

    @Test
    void aSchemaOneVerdictEventIsReadWithoutShapleyBaselineOrClosestSongs() throws Exception {
        String schemaOne = "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"jobId\":\""
                + UUID.randomUUID() + "\",\"occurredAt\":\"2026-12-01T10:15:30Z\",\"featureSet\":\"spotify\","
                + "\"modelVersion\":\"abc-123\",\"verdict\":{\"label\":\"HIT\",\"hitVotes\":4,\"probability\":0.7,"
                + "\"votes\":[{\"model\":\"knn\",\"label\":\"HIT\",\"probability\":0.8}],"
                + "\"explanation\":[{\"feature\":\"loudness\",\"value\":-5.0,\"baseline\":-9.0,\"contribution\":0.07}],"
                + "\"heldOutAuc\":{\"value\":0.71,\"ci95Low\":0.69,\"ci95High\":0.74}}}";

        VerdictReady event = json.readValue(schemaOne, VerdictReady.class);

        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.verdict().explanation()).containsExactly(new FeatureContribution("loudness", -5.0, -9.0, 0.07));
        assertThat(event.verdict().explanationBaseline()).isNull();
        assertThat(event.verdict().closestSongs()).isNull();
    }

    @Test
    void aVerdictWrittenBeforeTheHeldOutAucIsReadWithoutOneAndWrittenAsBefore() throws Exception {
        String old = "{\"label\":\"FLOP\",\"hitVotes\":1,\"probability\":0.3,\"votes\":[],\"explanation\":[]}";

        Verdict verdict = json.readValue(old, Verdict.class);

        assertThat(verdict.heldOutAuc()).isNull();
        assertThat(verdict.label()).isEqualTo(Verdict.Label.FLOP);
        assertThat(json.writeValueAsString(verdict)).isEqualTo(old);
    }

    @Test
    void failureCarriesItsProblemType() throws Exception {
        JobFailed failed = JobFailed.of(UUID.randomUUID(), "feature-service", ProblemType.UNSUPPORTED_AUDIO.uri(),
                "Invalid data found when processing input");
        JobFailed back = json.readValue(json.writeValueAsString(failed), JobFailed.class);
        assertThat(back.problemType()).isEqualTo("https://hitorflop.io/problems/unsupported-audio");
        assertThat(back).isEqualTo(failed);
    }
}
