package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.contract.models.ReportedProbability;
import io.hitorflop.e2e.harness.PipelineClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline as a client sees it: the real stack started by the launcher, every request
 * through the router's one origin, audio made by ffmpeg in the test, polled until DONE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class PipelineEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final String SPOTIFY_VECTOR = """
            {"features": {"danceability": 0.72, "energy": 0.81, "key": 5, "loudness": -5.2, "mode": 1,
              "speechiness": 0.05, "acousticness": 0.11, "instrumentalness": 0.0, "liveness": 0.12,
              "valence": 0.64, "tempo": 118.0, "duration_ms": 210000, "time_signature": 4}}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LauncherStack stack;

    @BeforeAll
    void up() throws Exception {
        stack = LauncherStack.up(ROOT,
                Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath());
    }

    @AfterAll
    void down() throws Exception {
        LauncherStack.downLeavingNothing(stack);
    }

    @Test
    void uploadedSongIsAnalysedAndJudged(@TempDir Path dir) throws Exception {
        TestSong song = TestSong.generate(dir.resolve("g-major-100bpm.flac"));

        HttpResponse<String> accepted = postAudio(song.file());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode queued = JSON.readTree(accepted.body());
        assertThat(queued.path("status").asText()).isEqualTo("QUEUED");
        assertThat(queued.path("source").asText()).isEqualTo("AUDIO_UPLOAD");
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/v1/jobs/" + queued.path("id").asText());

        JsonNode job = pollUntilExplained(location, 4);

        assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("DONE");
        assertThat(job.path("featureSet").asText()).isEqualTo("audio");
        assertThat(statusesOf(job)).containsExactly("QUEUED", "AUDIO_READY", "FEATURES_READY", "DONE");
        assertVerdictShape(job.path("verdict"), "audio");
        JsonNode features = job.path("features");
        assertThat(features.path("tempo").asDouble()).as("tempo").isCloseTo(song.tempo(), within(2.0));
        assertThat(features.path("key").asInt()).as("key").isEqualTo(song.key());
        assertThat(features.path("mode").asInt()).as("mode").isEqualTo(song.mode());
        assertThat(features.path("loudness").asDouble()).as("loudness vs ffmpeg ebur128")
                .isCloseTo(song.loudness(), within(1.0));
        assertThat(features.path("duration_ms").asDouble()).as("duration").isCloseTo(song.durationMs(), within(100.0));
        assertThat(job.path("dna").path("chroma").size()).isEqualTo(12);
        assertThat(stack.home().resolve("audio-store")).as("stored audio is deleted once analysed")
                .isEmptyDirectory();
    }

    @Test
    void uploadedSilenceFailsAsNotMusicInsteadOfGettingAVerdict(@TempDir Path dir) throws Exception {
        Path silence = dir.resolve("silence.flac");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "anullsrc=r=44100:cl=stereo:d=5", silence.toString()).redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();

        HttpResponse<String> accepted = postAudio(silence);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = pollUntilFinal(accepted.headers().firstValue("Location").orElseThrow());
        assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("FAILED");
        assertThat(job.path("failure").path("type").asText()).isEqualTo("https://hitorflop.io/problems/not-music");
        assertThat(job.path("failure").path("detail").asText()).startsWith("silence: ");
        assertThat(job.path("verdict").isMissingNode() || job.path("verdict").isNull()).as("no verdict").isTrue();
    }

    @Test
    void submittedFeatureVectorIsJudgedWithTheSpotifyModels() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SPOTIFY_VECTOR)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = pollUntilExplained(accepted.headers().firstValue("Location").orElseThrow(), 3);

        assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("DONE");
        assertThat(job.path("featureSet").asText()).isEqualTo("spotify");
        assertThat(statusesOf(job)).containsExactly("QUEUED", "FEATURES_READY", "DONE");
        assertThat(job.path("features").path("danceability").asDouble()).isEqualTo(0.72);
        assertVerdictShape(job.path("verdict"), "spotify");
    }

    @Test
    void theEventStreamThroughTheRouterDeliversEveryTransitionOnceThenTheJob() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SPOTIFY_VECTOR)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        AtomicReference<HttpResponse<Stream<String>>> stream = new AtomicReference<>();
        // 404 until results-service has read the job from Kafka, a moment after ingest's 202
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            stream.set(http.send(HttpRequest.newBuilder(stack.baseUri().resolve(URI.create(location + "/events")))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines()));
            return stream.get().statusCode() != 404;
        });
        assertThat(stream.get().statusCode()).isEqualTo(200);
        assertThat(stream.get().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<ServerSentEvent> events = CompletableFuture.supplyAsync(() -> ServerSentEvent.readAll(stream.get().body()))
                .get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        List<ServerSentEvent> transitions = events.stream().filter(event -> event.name().equals("transition")).toList();
        List<String> streamed = new ArrayList<>();
        for (ServerSentEvent transition : transitions) {
            streamed.add(JSON.readTree(transition.data()).path("status").asText());
        }
        // the job once it is DONE; then, as its verdict's explanation follows, the explanation closes the stream
        List<String> closing = events.stream().map(ServerSentEvent::name).filter(name -> !name.equals("transition")).toList();
        ServerSentEvent jobEvent = events.stream().filter(event -> event.name().equals("job")).findFirst().orElseThrow();
        JsonNode streamedJob = JSON.readTree(jobEvent.data());
        assertThat(streamedJob.path("status").asText()).isEqualTo("DONE");
        boolean pending = streamedJob.path("verdict").path("explanationPending").asBoolean();
        assertThat(closing).isEqualTo(pending ? List.of("job", "explanation") : List.of("job"));
        assertThat(events.get(events.size() - 1).name()).isEqualTo(closing.get(closing.size() - 1));
        // every state the ended job shows came once, numbered in the order results-service recorded
        // them (for a vector, FEATURES_READY may be recorded before QUEUED: two topics read independently)
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(statusesOf(streamedJob)).contains("FEATURES_READY", "DONE");
        assertThat(transitions).extracting(ServerSentEvent::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, transitions.size()).mapToObj(Integer::toString).toList());
        JsonNode polled = JSON.readTree(get(location).body());
        assertThat(streamedJob.path("id")).isEqualTo(polled.path("id"));
        JsonNode polledVerdict = polled.path("verdict");
        if (pending) {
            JsonNode explanation = JSON.readTree(events.get(events.size() - 1).data());
            assertThat(explanation.path("explanation")).isEqualTo(polledVerdict.path("explanation"));
            assertThat(explanation.path("explanationBaseline")).isEqualTo(polledVerdict.path("explanationBaseline"));
        }
        for (String field : List.of("label", "hitVotes", "probability", "votes", "closestSongs", "modelVersion")) {
            assertThat(streamedJob.path("verdict").path(field)).as(field).isEqualTo(polledVerdict.path(field));
        }
    }

    /** One Server-Sent Event as the WHATWG HTML standard's parser dispatches it (comments and retry skipped). */
    private record ServerSentEvent(String id, String name, String data) {

        static List<ServerSentEvent> readAll(Stream<String> lines) {
            List<ServerSentEvent> events = new ArrayList<>();
            String[] id = {""};
            String[] name = {"message"};
            StringBuilder data = new StringBuilder();
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new ServerSentEvent(id[0], name[0], data.substring(0, data.length() - 1)));
                    }
                    name[0] = "message";
                    data.setLength(0);
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id[0] = value;
                        case "event" -> name[0] = value;
                        case "data" -> data.append(value).append('\n');
                        default -> { }
                    }
                }
            });
            return events;
        }
    }

    @Test
    void errorsThroughTheRouterAreProblemJson() throws Exception {
        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"features\": {\"danceability\": 7}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownJob = get("/v1/jobs/" + UUID.randomUUID());
        HttpResponse<String> unknownRoute = get("/nowhere");

        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        List<String> fields = new ArrayList<>();
        JSON.readTree(invalid.body()).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("danceability", "energy", "time_signature");
        assertThat(unknownJob.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownJob.body()).path("type").asText()).endsWith("/job-not-found");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownRoute.body()).path("type").asText()).endsWith("/not-found");
    }

    @Test
    void everyServiceIsReadyOnItsOwnPortAndItsOperationsPathsAreNotPublic() throws Exception {
        for (String service : List.of("ingest", "results", "feature", "inference")) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    stack.serviceUri(service).resolve("/q/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> throughRouter = get("/q/" + service + "/health/ready");

            assertThat(health.statusCode()).as(service).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText()).as(service).isEqualTo("UP");
            assertThat(throughRouter.statusCode()).as(service + " through the router").isEqualTo(404);
        }
        HttpResponse<String> traversal = get("/q/results/%2e%2e/v1/jobs");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(traversal.body()).path("type").asText()).endsWith("/invalid-path");
    }

    /**
     * Five votes by the five models, probabilities in [0, 1], the hit count as the votes say; the
     * probability and label as the packaged model card's reported probability makes them from the
     * votes (1e-6: with more intra-op threads ONNX Runtime's float32 sums differ in order between
     * batches); the follow-up explanation's Shapley values, one per model input, that add up to the
     * verdict's probability minus their baseline; ten closest songs.
     */
    private static void assertVerdictShape(JsonNode verdict, String featureSet) throws IOException {
        JsonNode votes = verdict.path("votes");
        Map<String, Double> probabilityByModel = new HashMap<>();
        int hits = 0;
        for (JsonNode vote : votes) {
            double probability = vote.path("probability").asDouble(-1);
            assertThat(probability).isBetween(0.0, 1.0);
            assertThat(vote.path("label").asText()).isIn("HIT", "FLOP");
            hits += vote.path("label").asText().equals("HIT") ? 1 : 0;
            probabilityByModel.put(vote.path("model").asText(), probability);
        }
        assertThat(probabilityByModel.keySet()).containsExactlyInAnyOrderElementsOf(ModelNames.ALL);
        assertThat(verdict.path("hitVotes").asInt()).isEqualTo(hits);
        ReportedProbability reported = JSON.readValue(ROOT.resolve("inference-service/src/main/resources/models")
                .resolve(featureSet).resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class).reportedProbability();
        double probability = verdict.path("probability").asDouble(-1);
        assertThat(probability).isBetween(0.0, 1.0).isCloseTo(
                reported.of(ModelNames.ALL.stream().mapToDouble(probabilityByModel::get).toArray()), within(1e-6));
        assertThat(verdict.path("label").asText()).isEqualTo(reported.saysHit(probability) ? "HIT" : "FLOP");
        double contributions = 0;
        for (JsonNode contribution : verdict.path("explanation")) {
            contributions += contribution.path("contribution").asDouble();
        }
        assertThat(verdict.path("explanationPending").asBoolean(true)).isFalse();
        assertThat(verdict.path("explanation")).hasSize(FeatureSet.fromId(featureSet).size());
        assertThat(contributions).as("Shapley values add up")
                .isCloseTo(probability - verdict.path("explanationBaseline").asDouble(), within(1e-9));
        assertThat(verdict.path("closestSongs")).hasSize(10);
        assertThat(verdict.path("modelVersion").asText()).isNotBlank();
    }

    private static List<String> statusesOf(JsonNode job) {
        List<String> statuses = new ArrayList<>();
        job.path("transitions").forEach(transition -> statuses.add(transition.path("status").asText()));
        return statuses;
    }

    private JsonNode pollUntilFinal(String location) throws IOException {
        return pollUntilFinal(location, 0);
    }

    /**
     * Polls until the job is final with {@code history} transitions and, if DONE, its verdict's
     * explanation (which follows the verdict) has been stored; the DONE job without it is checked
     * on the way: empty explanation, {@code explanationPending} true.
     */
    private JsonNode pollUntilExplained(String location, int history) throws IOException {
        JsonNode done = pollUntilFinal(location, history);
        if (!done.path("status").asText().equals("DONE")) {
            return done;
        }
        if (done.path("verdict").path("explanationPending").asBoolean(false)) {
            assertThat(done.path("verdict").path("explanation")).isEmpty();
        }
        AtomicReference<JsonNode> job = new AtomicReference<>(done);
        try {
            await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                job.set(JSON.readTree(get(location).body()));
                return !job.get().path("verdict").path("explanationPending").asBoolean(true);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + location + " not explained after " + JOB_TIMEOUT + ": " + job.get() + "\n"
                    + stack.logs());
        }
        return job.get();
    }

    /**
     * Polls until the job is final and shows at least {@code history} transitions: results-service
     * reads each topic on its own, so a late AUDIO_READY or QUEUED may be recorded after DONE.
     */
    private JsonNode pollUntilFinal(String location, int history) throws IOException {
        Instant unknownUntil = Instant.now().plus(Duration.ofSeconds(30));
        AtomicReference<JsonNode> job = new AtomicReference<>();
        try {
            await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                HttpResponse<String> response = get(location);
                if (response.statusCode() == 404 && Instant.now().isBefore(unknownUntil)) {
                    return false; // results-service learns of a job from Kafka, a moment after ingest's 202.
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                job.set(JSON.readTree(response.body()));
                return PipelineClient.isFinal(job.get()) && job.get().path("transitions").size() >= history;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + location + " not final after " + JOB_TIMEOUT + ": " + job.get() + "\n"
                    + stack.logs());
        }
        return job.get();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.baseUri().resolve(URI.create(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postAudio(Path audio) throws IOException, InterruptedException {
        String boundary = "e2e-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + audio.getFileName() + "\"\r\nContent-Type: audio/flac\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = Files.readAllBytes(audio);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
