package io.hitorflop.ingest.submission.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.ingest.config.DefaultLimits;
import io.hitorflop.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionLimitsTest {

    /** The producer's default max.request.size, which ingest keeps. */
    private static final int MAX_REQUEST_SIZE = 1024 * 1024;

    private static final IngestConfig.Limits DEFAULTS = DefaultLimits.SUBMISSION;

    private final SubmissionLimits limits = new SubmissionLimits(DEFAULTS);

    @Test
    void aUrlUpToTheLimitIsStrippedAndKept() throws Exception {
        String url = "https://example.com/" + "a".repeat(2048 - 20);

        assertThat(limits.url("url", url)).isEqualTo(url);
        assertThat(limits.url("url", " https://example.com/x\n")).isEqualTo("https://example.com/x");
    }

    @Test
    void aLongerUrlIsFieldTooLongNamingTheField() {
        assertThatThrownBy(() -> limits.url("webhook.url", "https://example.com/" + "a".repeat(2048)))
                .isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
                    assertThat(invalid.type()).isEqualTo(ProblemType.FIELD_TOO_LONG);
                    assertThat(invalid.field()).isEqualTo("webhook.url");
                    assertThat(invalid.problem()).isEqualTo("is 2068 characters long; the limit is 2048");
                });
    }

    @Test
    void aUrlWithControlBidiOrInvalidCharactersIsInvalidText() {
        for (String url : new String[] {"https://e.example/a\r\nb", "https://e.example/\u0000", "https://e.example/\u202E",
                "https://e.example/\uD800", "https://e.example/\u0085"}) {
            assertThatThrownBy(() -> limits.url("url", url)).as(url)
                    .isInstanceOfSatisfying(InvalidFieldException.class,
                            invalid -> assertThat(invalid.type()).isEqualTo(ProblemType.INVALID_TEXT));
        }
    }

    @Test
    void aFileNameIsCleanedAndBoundedInUtf8Bytes() throws Exception {
        assertThat(limits.fileName("a\u0000b\r\n\u202Ec\uD800.mp3")).isEqualTo("abc\uFFFD.mp3");
        assertThat(limits.fileName("é".repeat(127))).hasSize(127);
        assertThat(limits.fileName("\u0000\r\n")).isNull();
        assertThat(limits.fileName(null)).isNull();
        assertThatThrownBy(() -> limits.fileName("é".repeat(128)))
                .isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
                    assertThat(invalid.type()).isEqualTo(ProblemType.FIELD_TOO_LONG);
                    assertThat(invalid.problem()).isEqualTo("has a file name of 256 UTF-8 bytes; the limit is 255");
                });
    }

    @Test
    void moreFeatureEntriesThanTheLimitAreRefused() throws Exception {
        Map<String, Double> features = new HashMap<>();
        for (int i = 0; i < 32; i++) {
            features.put("f" + i, 1.0);
        }
        limits.features(features);
        features.put("one-more", 1.0);

        assertThatThrownBy(() -> limits.features(features)).isInstanceOf(InvalidFieldException.class)
                .hasMessage("'features' has 33 entries; the limit is 32");
    }

    /**
     * Every field of a JobAccepted is bounded (the owner is an operator's key id), so even with
     * each at its limit in the widest UTF-8 characters the record is far below max.request.size:
     * no accepted submission can hold the producer up with a record the broker refuses.
     */
    @Test
    void aJobAcceptedWithEveryFieldAtItsLimitFitsAKafkaRecord() throws Exception {
        String widestUrl = "https://e.example/" + "\uD83C\uDFB5".repeat((2048 - 18) / 2);
        String widestName = limits.fileName("\uD83C\uDFB5".repeat(255 / 4));
        limits.url("url", widestUrl);
        JobAccepted largest = JobAccepted.of(UUID.randomUUID(), JobSource.AUDIO_URL, "audio", widestUrl + widestName,
                "k".repeat(255), widestUrl);

        int size = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsBytes(largest).length;

        assertThat(size).isLessThan(64 * 1024).isLessThan(MAX_REQUEST_SIZE);
    }
}
