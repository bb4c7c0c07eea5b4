package io.hitorflop.results.webhook.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final WebhookRetryPolicy policy = new WebhookRetryPolicy(
            new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), new Random(7)), 5, Duration.ofHours(6));

    @Test
    void anyTwoHundredIsDelivered() {
        assertThat(policy.judge(1, 200, null, NOW).outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(policy.judge(3, 204, null, NOW).outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(policy.judge(5, 299, null, NOW).nextAttemptAt()).isNull();
    }

    @Test
    void goneStopsAtOnce() {
        WebhookRetryPolicy.Decision decision = policy.judge(1, 410, "60", NOW);

        assertThat(decision.outcome()).isEqualTo(AttemptOutcome.GONE);
        assertThat(decision.nextAttemptAt()).isNull();
    }

    @Test
    void otherAnswersAndNoAnswerAreRetriedOnTheSchedule() {
        for (Integer status : new Integer[] {null, 301, 400, 404, 429, 500, 503}) {
            WebhookRetryPolicy.Decision decision = policy.judge(2, status, null, NOW);

            assertThat(decision.outcome()).as("status %s", status).isEqualTo(AttemptOutcome.RETRY);
            assertThat(decision.nextAttemptAt()).as("status %s", status)
                    .isBetween(NOW.plusSeconds(10), NOW.plusSeconds(20));
        }
    }

    @Test
    void retryAfterReplacesTheScheduleUpToItsLimit() {
        assertThat(policy.judge(1, 503, "120", NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(policy.judge(1, 429, "Wed, 25 Nov 2026 10:00:30 GMT", NOW).nextAttemptAt())
                .isEqualTo(NOW.plusSeconds(30));
        assertThat(policy.judge(1, 503, "864000", NOW).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }

    @Test
    void theLastAllowedAttemptGivesUp() {
        assertThat(policy.judge(4, 500, null, NOW).outcome()).isEqualTo(AttemptOutcome.RETRY);
        WebhookRetryPolicy.Decision last = policy.judge(5, 500, "10", NOW);

        assertThat(last.outcome()).isEqualTo(AttemptOutcome.GAVE_UP);
        assertThat(last.nextAttemptAt()).isNull();
    }
}
