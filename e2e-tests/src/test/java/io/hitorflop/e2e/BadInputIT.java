package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.e2e.fuzz.BadAudio;
import io.hitorflop.e2e.fuzz.BadAudioGenerator;
import io.hitorflop.e2e.harness.PipelineClient.Submission;
import io.hitorflop.e2e.harness.PipelineClient;
import io.hitorflop.e2e.harness.StackProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6 items 1 and 2 through the one public origin of the packaged stack: every limit and bad
 * input is a problem+json, and 210 generated bad files end as a 4xx or a FAILED job with a reason,
 * with no service restarted and nothing left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static final int FILES_PER_KIND = 30;
    private static final Duration FUZZ_JOBS_TIMEOUT = Duration.ofMinutes(3);
    /** Lower than the 100 MiB default so that an upload can pass it quickly; every other test stays under it. */
    private static final long UPLOAD_LIMIT = 8L * 1024 * 1024;

    private LauncherStack stack;
    private StackProcesses processes;
    private PipelineClient client;

    @BeforeAll
    void up() throws Exception {
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(),
                e2eHome.resolveSibling("e2e-bad"), Map.of("HITORFLOP_MAX_UPLOAD_BYTES", Long.toString(UPLOAD_LIMIT)));
        processes = stack.processes();
        client = new PipelineClient(stack.baseUri());
    }

    @AfterAll
    void down() throws Exception {
        LauncherStack.downLeavingNothing(stack);
    }

    @Test
    void anUploadDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        long declared = 1L << 30;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // 16 KiB of the declared GiB, then nothing more: a refusal that waited for the body
            // would never answer (the read below times out after 30 s)
            out.write(new byte[16 * 1024]);
            out.flush();
            String answer = readResponse(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase()).contains("content-type: " + PROBLEM);
            assertThat(answer).contains("/problems/payload-too-large", "limit of " + UPLOAD_LIMIT + " bytes");
        }
        assertThat(filesUnder(stack.home().resolve("ingest"))).as("ingest work files").isEmpty();
    }

    @Test
    void aStreamedUploadThatPassesTheLimitIsRefusedAndLeavesNothing() throws Exception {
        // no Content-Length: the size is only known while the body streams through the router
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Submission answer = client.submit("multipart/form-data; boundary=b",
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tenMegabytes)));

        assertProblem(answer, 413, "payload-too-large").isNotBlank();
        // the part of the body that reached ingest before the router cut it off is deleted there
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(filesUnder(stack.home().resolve("ingest"))).as("ingest work and upload files").isEmpty());
        assertThat(filesUnder(stack.home().resolve("audio-store"))).as("stored audio").isEmpty();
    }

    @Test
    void audioLongerThanTheLimitIs422(@TempDir Path dir) throws Exception {
        Path silence = dir.resolve("fifteen-minutes-and-one-second.flac");
        ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "901", "-c:a", "flac", silence.toString());

        Submission answer = client.submitAudio(Files.readAllBytes(silence), silence.getFileName().toString(), "audio/flac");

        assertProblem(answer, 422, "audio-too-long").contains("901.0 s");
    }

    @Test
    void emptyCorruptAndUnsupportedAudioAre422WithTheDecodersReason(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("cover.png");
        ffmpeg("-f", "lavfi", "-i", "testsrc=d=1:s=64x64", "-frames:v", "1", image.toString());
        Path wav = dir.resolve("song.wav");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=3", wav.toString());
        byte[] corrupt = Files.readAllBytes(wav);
        for (int i = 4; i < 40; i++) {
            corrupt[i] = (byte) 0xEE;
        }

        assertProblem(client.submitAudio(new byte[0], "empty.mp3", "audio/mpeg"), 422, "unsupported-audio")
                .startsWith("ffprobe: ");
        assertProblem(client.submitAudio(corrupt, "corrupt.wav", "audio/wav"), 422, "unsupported-audio")
                .startsWith("ffprobe: ");
        assertProblem(client.submitAudio(Files.readAllBytes(image), "cover.png", "image/png"), 422, "unsupported-audio")
                .isEqualTo("ffprobe: the file has no audio stream");
    }

    @Test
    void anotherContentTypeIs415AndMalformedJsonIs400() throws Exception {
        assertProblem(client.submit("text/plain", java.net.http.HttpRequest.BodyPublishers.ofString("energy=0.8")),
                415, "unsupported-media-type");
        assertProblem(client.submit("application/json", java.net.http.HttpRequest.BodyPublishers.ofString("{\"features\": {")),
                400, "malformed-json").startsWith("malformed JSON");
    }

    @Test
    void aMissingOrOutOfRangeFeatureIs422NamingTheField() throws Exception {
        String missingTempo = PipelineClient.SPOTIFY_VECTOR.formatted("0.5").replace("\"tempo\": 118.0, ", "");
        String energyTooHigh = PipelineClient.SPOTIFY_VECTOR.formatted("0.5").replace("\"energy\": 0.81", "\"energy\": 1.5");

        Submission missing = client.submit("application/json", java.net.http.HttpRequest.BodyPublishers.ofString(missingTempo));
        Submission outOfRange = client.submit("application/json", java.net.http.HttpRequest.BodyPublishers.ofString(energyTooHigh));

        assertProblem(missing, 422, "invalid-features");
        assertThat(fields(missing)).containsExactly("tempo");
        assertProblem(outOfRange, 422, "invalid-features");
        assertThat(fields(outOfRange)).containsExactly("energy");
    }

    @Test
    void anUnknownJobIs404AndAMalformedIdIs400() throws Exception {
        var unknown = client.get("/v1/jobs/" + UUID.randomUUID());
        var malformed = client.get("/v1/jobs/not-a-uuid");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        assertThat(JSON.readTree(unknown.body()).path("type").asText()).endsWith("/job-not-found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("type").asText()).endsWith("/invalid-job-id");
    }

    @Test
    void twoHundredBadFilesEndAsA4xxOrAFailedJobAndLeaveNothingBehind(@TempDir Path dir) throws Exception {
        List<BadAudio> files = new BadAudioGenerator(20261125L, dir).generate(FILES_PER_KIND);
        assertThat(files).hasSizeGreaterThanOrEqualTo(200);
        Map<String, String> servicesBefore = serviceIdentities();

        Map<BadAudio, Submission> answers = submitAll(files);
        Map<UUID, BadAudio> accepted = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        answers.forEach((file, answer) -> {
            if (answer.status() == 202) {
                accepted.put(answer.jobId().orElseThrow(), file);
            } else if (answer.status() < 400 || answer.status() >= 500 || !answer.contentType().startsWith(PROBLEM)
                    || answer.json().path("detail").asText().isBlank()) {
                wrong.add(file + " -> " + answer.status() + " " + answer.body());
            }
        });
        Map<UUID, Optional<JsonNode>> jobs = client.awaitFinal(accepted.keySet(), FUZZ_JOBS_TIMEOUT);
        jobs.forEach((id, job) -> {
            String status = job.map(j -> j.path("status").asText()).orElse("unknown");
            String reason = job.map(j -> j.path("failure").path("detail").asText()).orElse("");
            if (!status.equals("FAILED") || reason.isBlank()) {
                wrong.add(accepted.get(id) + " -> job " + id + " " + status + " " + job.map(JsonNode::toString).orElse(""));
            }
        });

        assertThat(wrong).as("files that did not end as a 4xx problem or a FAILED job with a reason").isEmpty();
        assertThat(serviceIdentities()).as("service processes (pid@start) after the fuzzing").isEqualTo(servicesBefore);
        assertThat(filesUnder(stack.home().resolve("ingest"))).as("ingest work and upload files").isEmpty();
        assertThat(filesUnder(stack.home().resolve("audio-store"))).as("stored audio").isEmpty();
        for (String service : StackProcesses.SERVICES) {
            assertThat(processes.childProcesses(service)).as("ffmpeg/ffprobe/yt-dlp still running under " + service).isEmpty();
        }
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        answers.forEach((file, answer) -> outcomes.merge(file.kind() + " " + (answer.status() == 202 ? "FAILED job"
                : answer.status() + " " + answer.json().path("type").asText().replaceAll(".*/", "")), 1, Integer::sum));
        System.out.printf("fuzz: %d files, %d refused with 4xx, %d accepted and FAILED; by kind and outcome: %s%n",
                files.size(), files.size() - accepted.size(), accepted.size(), outcomes);
    }

    /** Status line, headers and a body of Content-Length bytes (the server may hold the connection open). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    private Map<BadAudio, Submission> submitAll(List<BadAudio> files) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            Map<BadAudio, Future<Submission>> pending = new LinkedHashMap<>();
            for (BadAudio file : files) {
                pending.put(file, senders.submit(() -> client.submitAudio(file.bytes(), file.name(), file.contentType())));
            }
            Map<BadAudio, Submission> answers = new LinkedHashMap<>();
            for (var entry : pending.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    private Map<String, String> serviceIdentities() throws IOException {
        Map<String, String> identities = new LinkedHashMap<>();
        for (String service : StackProcesses.SERVICES) {
            identities.put(service, processes.identity(service));
        }
        return identities;
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertProblem(Submission answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(PROBLEM);
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://hitorflop.io/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return assertThat(problem.path("detail").asText()).as(answer.body());
    }

    private static List<String> fields(Submission answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
