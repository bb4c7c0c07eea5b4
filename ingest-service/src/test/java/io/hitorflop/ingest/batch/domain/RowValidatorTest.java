package io.hitorflop.ingest.batch.domain;

import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.ingest.config.DefaultLimits;
import io.hitorflop.ingest.config.IngestConfig;
import io.hitorflop.ingest.submission.domain.SubmissionLimits;
import io.hitorflop.security.egress.EgressGuard;
import io.hitorflop.security.egress.EgressPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTest {

    private static final IngestConfig.Limits LIMITS = DefaultLimits.SUBMISSION;

    private final EgressGuard guard = new EgressGuard(EgressPolicy.allowing(List.of()),
            host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 216, 34})});
    private final RowValidator validator = new RowValidator(FeatureSet.SPOTIFY, new SubmissionLimits(LIMITS), guard, 8);

    private static Map<String, String> vector() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", "track-1");
        row.put("danceability", "0.72");
        row.put("energy", "0.81");
        row.put("key", "5");
        row.put("loudness", "-5.2");
        row.put("mode", "1");
        row.put("speechiness", "0.05");
        row.put("acousticness", "0.11");
        row.put("instrumentalness", "0");
        row.put("liveness", "0.12");
        row.put("valence", "0.64");
        row.put("tempo", "118");
        row.put("duration_ms", "210000");
        row.put("time_signature", "4");
        row.put("title", "A very long title");
        return row;
    }

    @Test
    void aCompleteVectorIsScoredAndItsOtherColumnsAreEchoedCutToTheLimit() {
        CheckedRow row = validator.check(InputRow.read(2, vector()));
        assertThat(row).isInstanceOf(CheckedRow.Vector.class);
        assertThat(((CheckedRow.Vector) row).features()).hasSize(13).containsEntry("tempo", 118.0);
        assertThat(row.columns()).containsExactly(Map.entry("id", "track-1"), Map.entry("title", "A very l"));
    }

    @Test
    void missingColumnsAndBadNumbersAreReportedTogetherAsInvalidFeatures() {
        Map<String, String> values = vector();
        values.remove("tempo");
        values.put("energy", "lots");
        values.put("key", "12");
        CheckedRow row = validator.check(InputRow.read(3, values));
        assertThat(row).isInstanceOfSatisfying(CheckedRow.Refused.class, refused -> {
            assertThat(refused.type()).isEqualTo(ProblemType.INVALID_FEATURES);
            assertThat(refused.detail()).contains("energy is not a number").contains("tempo is missing")
                    .contains("key must be between");
            assertThat(refused.columns()).containsEntry("id", "track-1");
        });
    }

    @Test
    void aRowWithAUrlIsALinkAndAForbiddenOneIsRefused() {
        assertThat(validator.check(InputRow.read(4, Map.of("url", " https://music.example/a.mp3 ", "id", "9"))))
                .isEqualTo(new CheckedRow.Link(4, "https://music.example/a.mp3", Map.of("id", "9")));
        assertThat(validator.check(InputRow.read(5, Map.of("url", "http://169.254.169.254/latest"))))
                .isInstanceOfSatisfying(CheckedRow.Refused.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.FORBIDDEN_URL));
        assertThat(validator.check(InputRow.read(6, Map.of("url", "https://a.example/\u202Eevil"))))
                .isInstanceOfSatisfying(CheckedRow.Refused.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.INVALID_TEXT));
    }

    @Test
    void aRowWithNeitherUrlNorFeaturesAndAnUnreadableRowAreInvalidRows() {
        assertThat(validator.check(InputRow.read(7, Map.of("id", "x"))))
                .isInstanceOfSatisfying(CheckedRow.Refused.class,
                        refused -> assertThat(refused.type()).isEqualTo(ProblemType.INVALID_ROW));
        assertThat(validator.check(InputRow.unreadable(8, "is not JSON")))
                .isEqualTo(new CheckedRow.Refused(8, ProblemType.INVALID_ROW, "the row is not JSON", Map.of()));
    }

    @Test
    void echoedTextIsCleanedOfControlCharacters() {
        Map<String, String> values = vector();
        values.put("title", "a\u0000b\u202Ec");
        assertThat(validator.check(InputRow.read(2, values)).columns()).containsEntry("title", "abc");
    }
}
