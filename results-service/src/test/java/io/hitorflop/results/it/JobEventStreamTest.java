package io.hitorflop.results.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.Topics;
import io.hitorflop.contract.events.AudioReady;
import io.hitorflop.contract.events.JobAccepted;
import io.hitorflop.contract.events.JobSource;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.localstack.testing.LocalStackTestResource;
import io.hitorflop.results.it.EventStreamClient.Event;
import io.hitorflop.security.apikeys.ApiKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/jobs/{id}/events} read by a real HTTP client while events go through the real
 * Kafka broker into the real PostgreSQL. Keys on; at most 2 streams per key and 3 in all; no
 * periodic re-read, so what arrives was pushed (the re-read is tested in {@link ResultsServiceTest}).
 */
@QuarkusTest
@TestProfile(JobEventStreamTest.SmallLimits.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
@Tag("integration")
class JobEventStreamTest {

    private static final Duration PATIENCE = PipelineEvents.PATIENCE;
    private static final String ALICE = "alice-stream-key-0d9c1e7b52a4f3e6";
    private static final String BOB = "bob-stream-key-6a2f8c0e41d7b395";
    private static final String CAROL = "carol-stream-key-93b5e1f07c2d8a46";
    private static final String DAVE = "dave-stream-key-2c7e9a4b1f06d583";

    /** Four keys, small stream limits, a keep-alive every second. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hitorflop.security.api-keys.enabled", "true",
                    "hitorflop.security.api-keys.keys", String.join(",", ApiKeys.entryFor("alice", ALICE),
                            ApiKeys.entryFor("bob", BOB), ApiKeys.entryFor("carol", CAROL),
                            ApiKeys.entryFor("dave", DAVE)),
                    "hitorflop.results.events.max-per-caller", "2",
                    "hitorflop.results.events.max-open", "3",
                    "hitorflop.results.events.keep-alive", "1s",
                    // No re-read while these tests run: every state must come by the in-process push.
                    "hitorflop.results.events.reread-interval", "1h");
        }
    }

    private static PipelineEvents events;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void connectProducer() {
        if (events == null) {
            events = new PipelineEvents(json);
        }
    }

    @AfterAll
    static void closeProducer() {
        events.close();
    }

    @Test
    void aStreamOpenedBeforeTheJobExistsFollowsItLiveEachTransitionOnceThenTheJob() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (EventStreamClient early = EventStreamClient.open(jobId, ALICE, null)) {
            assertThat(early.status()).isEqualTo(404);
            assertThat(early.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json.readTree(early.body()).path("type").asText()).isEqualTo(ProblemType.JOB_NOT_FOUND.uri());
        }
        events.publish(Topics.JOBS_ACCEPTED, audioJob(jobId, start, "alice"));
        // As the dashboard does: job-not-found means "not read from Kafka yet", so it opens again.
        AtomicReference<EventStreamClient> opened = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            EventStreamClient stream = EventStreamClient.open(jobId, ALICE, null);
            opened.set(stream);
            return stream.status() == 200;
        });
        try (EventStreamClient stream = opened.get()) {
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-store");
            assertThat(stream.next(PATIENCE)).as("the preamble").matches(Event::isComment);
            assertTransition(json, stream.nextEvent(PATIENCE), 1, "QUEUED", start);
            // Nothing happens: a keep-alive comment comes (every second in this profile).
            assertThat(stream.next(PATIENCE)).isEqualTo(new Event(":", null, "keep-alive"));

            // Each event is published only once the previous state has arrived: every one is pushed live.
            events.publish(Topics.AUDIO_READY, new AudioReady(1, UUID.randomUUID(), jobId, start.plusMillis(300), "ref", 9_000));
            assertTransition(json, stream.nextEvent(PATIENCE), 2, "AUDIO_READY", start.plusMillis(300));
            events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(600)));
            assertTransition(json, stream.nextEvent(PATIENCE), 3, "FEATURES_READY", start.plusMillis(600));
            events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(900), Verdict.Label.HIT, 4));

            List<Event> rest = stream.untilEnd(PATIENCE);
            assertThat(rest).hasSize(3);
            assertTransition(json, rest.get(0), 4, "DONE", start.plusMillis(900));
            assertFinalJob(rest.get(1), jobId, ALICE, 4);
            assertThat(rest.get(2)).isEqualTo(Event.END);
        }
    }

    @Test
    void reconnectingWithLastEventIdGetsTheRestExactlyOnce() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.JOBS_ACCEPTED, audioJob(jobId, start, "alice"));
        // One at a time: the topics are consumed independently, and the test wants this recording order.
        ResultsApi.awaitJob(ALICE, jobId, job -> true);
        events.publish(Topics.AUDIO_READY, new AudioReady(1, UUID.randomUUID(), jobId, start.plusMillis(300), "ref", 9_000));
        ResultsApi.awaitJob(ALICE, jobId, job -> job.getList("transitions").size() == 2);

        try (EventStreamClient first = EventStreamClient.open(jobId, ALICE, null)) {
            assertTransition(json, first.nextEvent(PATIENCE), 1, "QUEUED", start);
            assertTransition(json, first.nextEvent(PATIENCE), 2, "AUDIO_READY", start.plusMillis(300));
        }
        // The connection is lost after the 2nd event; the job goes on meanwhile (a verdict that
        // overtook its features would make DONE's time the features' arrival: one after the other).
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(600)));
        ResultsApi.awaitJob(ALICE, jobId, job -> job.getList("transitions").size() == 3);
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(900), Verdict.Label.FLOP, 1));
        ResultsApi.awaitJob(ALICE, jobId, job -> "DONE".equals(job.getString("status")));

        try (EventStreamClient resumed = EventStreamClient.open(jobId, ALICE, "2")) {
            List<Event> rest = resumed.untilEnd(PATIENCE);
            assertThat(rest).hasSize(4);
            assertTransition(json, rest.get(0), 3, "FEATURES_READY", start.plusMillis(600));
            assertTransition(json, rest.get(1), 4, "DONE", start.plusMillis(900));
            assertFinalJob(rest.get(2), jobId, ALICE, 4);
            assertThat(rest.get(3)).isEqualTo(Event.END);
        }
    }

    @Test
    void aStreamWhoseJobEndsUnexplainedWaitsForTheExplanationEventThenEnds() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (EventStreamClient stream = streamOfUnexplainedJob(jobId, start)) {
            events.publish(PipelineEvents.explanationEvent(jobId, start.plusMillis(900)));

            Event explanation = stream.nextEvent(PATIENCE);
            assertThat(explanation.name()).isEqualTo("explanation");
            assertThat(json.readTree(explanation.data()).path("explanationBaseline").asDouble()).isEqualTo(0.45);
            assertThat(json.readTree(explanation.data()).path("explanation")).hasSize(2);
            assertThat(stream.nextEvent(PATIENCE)).isEqualTo(Event.END);
        }
    }

    @Test
    void aStreamWaitingForAnExplanationThatCannotBeComputedEndsWithWhy() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (EventStreamClient stream = streamOfUnexplainedJob(jobId, start)) {
            events.deadLetterExplanation(jobId, "explaining ran out of memory");

            Event explanation = stream.nextEvent(PATIENCE);
            assertThat(explanation.name()).isEqualTo("explanation");
            JsonNode data = json.readTree(explanation.data());
            assertThat(data.path("explanation")).isEmpty();
            assertThat(data.path("explanationUnavailable").path("type").asText())
                    .isEqualTo(ProblemType.EXPLANATION_UNAVAILABLE.uri());
            assertThat(data.path("explanationUnavailable").path("detail").asText()).isEqualTo("explaining ran out of memory");
            assertThat(stream.nextEvent(PATIENCE)).isEqualTo(Event.END);
        }
    }

    /** A stream of bob's DONE job whose explanation is still to come, read up to its {@code job} event. */
    private EventStreamClient streamOfUnexplainedJob(UUID jobId, Instant start) throws Exception {
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.FEATURE_VECTOR,
                "spotify", null, "bob", null));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(100)));
        events.publish(Topics.VERDICTS, PipelineEvents.unexplainedVerdictEvent(jobId, start.plusMillis(200)));
        ResultsApi.awaitJob(BOB, jobId, job -> "DONE".equals(job.getString("status"))
                && job.getList("transitions").size() == 3);

        EventStreamClient stream = EventStreamClient.open(jobId, BOB, null);
        for (int transition = 0; transition < 3; transition++) {
            assertThat(stream.nextEvent(PATIENCE).name()).isEqualTo("transition");
        }
        Event job = stream.nextEvent(PATIENCE);
        assertThat(job.name()).isEqualTo("job");
        assertThat(json.readTree(job.data()).path("verdict").path("explanationPending").asBoolean()).isTrue();
        return stream;
    }

    @Test
    void aFinishedJobIsReplayedInRecordingOrderThenEnds() throws Exception {
        UUID jobId = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(Topics.JOBS_ACCEPTED, new JobAccepted(1, UUID.randomUUID(), jobId, start, JobSource.FEATURE_VECTOR,
                "spotify", null, "bob", null));
        events.publish(Topics.FEATURES_READY, PipelineEvents.featuresEvent(jobId, start.plusMillis(100)));
        events.publish(Topics.VERDICTS, PipelineEvents.verdictEvent(jobId, start.plusMillis(200), Verdict.Label.HIT, 5));
        ResultsApi.awaitJob(BOB, jobId, job -> "DONE".equals(job.getString("status"))
                && job.getList("transitions").size() == 3);

        try (EventStreamClient replay = EventStreamClient.open(jobId, BOB, null)) {
            List<Event> events = replay.untilEnd(PATIENCE);
            assertThat(events).hasSize(5);
            // Three topics are consumed independently: the order recorded is any, each state is there once.
            assertThat(events.subList(0, 3)).extracting(Event::name).containsOnly("transition");
            assertThat(events.subList(0, 3)).extracting(Event::id).containsExactly("1", "2", "3");
            assertThat(events.subList(0, 3)).extracting(event -> json.readTree(event.data()).path("status").asText())
                    .containsExactlyInAnyOrder("QUEUED", "FEATURES_READY", "DONE");
            assertFinalJob(events.get(3), jobId, BOB, 3);
            assertThat(events.get(4)).isEqualTo(Event.END);
        }
        try (EventStreamClient caughtUp = EventStreamClient.open(jobId, BOB, "3")) {
            List<Event> events = caughtUp.untilEnd(PATIENCE);
            assertThat(events).hasSize(2);
            assertFinalJob(events.get(0), jobId, BOB, 3);
        }
    }

    @Test
    void anotherKeysJobIsNotFoundAndNoKeyIsUnauthorized() throws Exception {
        UUID jobId = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, audioJob(jobId, Instant.now(), "alice"));
        ResultsApi.awaitJob(ALICE, jobId, job -> true);

        try (EventStreamClient bobs = EventStreamClient.open(jobId, BOB, null)) {
            assertThat(bobs.status()).isEqualTo(404);
            assertThat(json.readTree(bobs.body()).path("type").asText()).isEqualTo(ProblemType.JOB_NOT_FOUND.uri());
        }
        try (EventStreamClient anonymous = EventStreamClient.open(jobId, null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(json.readTree(anonymous.body()).path("type").asText()).isEqualTo(ProblemType.UNAUTHORIZED.uri());
        }
    }

    @Test
    void openStreamsAreLimitedPerKeyThenOverall() throws Exception {
        UUID jobId = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, audioJob(jobId, Instant.now(), "carol"));
        UUID davesJob = UUID.randomUUID();
        events.publish(Topics.JOBS_ACCEPTED, audioJob(davesJob, Instant.now(), "dave"));
        ResultsApi.awaitJob(CAROL, jobId, job -> true);
        ResultsApi.awaitJob(DAVE, davesJob, job -> true);

        // Streams of the other tests may still be closing: the ones expected to open are awaited.
        try (EventStreamClient carol1 = awaitOpened(jobId, CAROL);
             EventStreamClient carol2 = awaitOpened(jobId, CAROL);
             EventStreamClient carol3 = EventStreamClient.open(jobId, CAROL, null)) {
            assertThat(carol3.status()).isEqualTo(429);
            assertThat(carol3.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json.readTree(carol3.body()).path("type").asText()).isEqualTo(ProblemType.TOO_MANY_STREAMS.uri());

            try (EventStreamClient dave1 = awaitOpened(davesJob, DAVE);
                 EventStreamClient dave2 = EventStreamClient.open(davesJob, DAVE, null)) {
                assertThat(dave2.status()).isEqualTo(503);
                assertThat(json.readTree(dave2.body()).path("type").asText()).isEqualTo(ProblemType.STREAMS_FULL.uri());

                carol1.close();
                // The closed stream's place is free again.
                try (EventStreamClient dave3 = awaitOpened(davesJob, DAVE)) {
                    assertThat(dave3.next(PATIENCE)).matches(Event::isComment);
                }
            }
        }
    }

    private static EventStreamClient awaitOpened(UUID jobId, String key) {
        AtomicReference<EventStreamClient> opened = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            EventStreamClient stream = EventStreamClient.open(jobId, key, null);
            opened.set(stream);
            return stream.status() == 200;
        });
        return opened.get();
    }

    private static JobAccepted audioJob(UUID jobId, Instant at, String owner) {
        return new JobAccepted(1, UUID.randomUUID(), jobId, at, JobSource.AUDIO_UPLOAD, "audio", "song.wav", owner, null);
    }

    static void assertTransition(ObjectMapper json, Event event, int position, String status, Instant at) throws Exception {
        assertThat(event.name()).isEqualTo("transition");
        assertThat(event.id()).isEqualTo(Integer.toString(position));
        JsonNode transition = json.readTree(event.data());
        assertThat(transition.path("status").asText()).isEqualTo(status);
        assertThat(Instant.parse(transition.path("at").asText())).isEqualTo(at);
    }

    /** The {@code job} event: the job exactly as {@code GET /v1/jobs/{id}} shows it. */
    private void assertFinalJob(Event event, UUID jobId, String key, int transitions) throws Exception {
        assertThat(event.name()).isEqualTo("job");
        assertThat(event.id()).isEqualTo(Integer.toString(transitions));
        String shown = given().header(ApiKeys.HEADER, key).get("/v1/jobs/{id}", jobId).then().statusCode(200)
                .extract().asString();
        assertThat(json.readTree(event.data())).isEqualTo(json.readTree(shown));
        assertThat(json.readTree(event.data()).path("transitions")).hasSize(transitions);
    }

}
