package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.Topics;
import io.hitorflop.e2e.fault.Fault;
import io.hitorflop.e2e.fault.FaultRunner;
import io.hitorflop.e2e.fault.ScenarioResult;
import io.hitorflop.e2e.harness.ConsumerGroups;
import io.hitorflop.e2e.harness.CatalogueCommand;
import io.hitorflop.e2e.harness.ConsumerGroups.Assignment;
import io.hitorflop.e2e.harness.PipelineDatabase;
import io.hitorflop.e2e.harness.PipelineDatabase.BatchRowRecord;
import io.hitorflop.e2e.harness.PipelineDatabase.JobRecord;
import io.hitorflop.e2e.harness.StackProcesses;
import io.hitorflop.e2e.harness.SynthesizedSong;
import io.hitorflop.e2e.harness.WebhookReceiver;
import io.hitorflop.launcher.Replicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 item 3: the stack with two replicas of feature-service and of inference-service
 * ({@code ./hitorflop up --replicas feature=2,inference=2}); while 300 vector jobs and 6 short
 * audio jobs are being submitted, one replica of each is killed with SIGKILL and not restarted.
 * Every job must still end DONE exactly once (one pass along its path in PostgreSQL, no DONE
 * twice, a verdict on each, one webhook id each), and each consumer group must hand the killed
 * replica's partitions to the survivor, which then holds all of them.
 *
 * <p>A catalogue is in flight too (issue 16 items 2 and 3): halfway through the submissions the
 * user's command {@code ./hitorflop analyze catalogue.csv} submits {@link BatchApiIT#catalogue()}
 * (200 rows, 5 refused by validation, 2 links nobody answers) through the router, and the kill comes
 * once some of its rows are done and not all. The command must end 0 with its progress at 100 % and
 * a results file of one line per input row; PostgreSQL must hold one row per input row, one job per
 * accepted row, each final exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ReplicaKillIT {

    private static final Replicas REPLICAS = Replicas.parse("feature=2,inference=2");
    private static final int VECTOR_JOBS = 300;
    private static final int AUDIO_JOBS = 6;
    private static final int SONG_SECONDS = 5;
    /** The group and the topic each scalable service consumes (their application.properties). */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>(Map.of(
            "feature-service", Topics.AUDIO_READY, "inference-service", Topics.FEATURES_READY));
    private static final Map<String, String> KILLED = Map.of("feature-service", "feature-2", "inference-service", "inference-2");
    private static final Map<String, String> SURVIVOR = Map.of("feature-service", "feature", "inference-service", "inference");
    /**
     * The killed member leaves its group when its session expires (the consumers' default
     * session.timeout.ms, 45 s); then the survivor rejoins and takes the partitions, and jobs on
     * them wait until then. A bound for a shared machine: at load average 40 to 68 (eight builds on
     * 2 cores) one inference replica scored about 0.5 jobs/s and 217 of 306 jobs were still open
     * after 3 minutes; it ends the wait only when jobs stay open.
     */
    private static final Duration DRAIN = Duration.ofMinutes(10);
    private static final Duration GROUPS_FORMED = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int CATALOGUE_ROWS = BatchApiIT.ROWS;
    private static final int CATALOGUE_ACCEPTED = CATALOGUE_ROWS - BatchApiIT.REFUSED.size();

    private LauncherStack stack;
    private StackProcesses processes;
    private WebhookReceiver receiver;
    private ConsumerGroups groups;
    private FaultRunner runner;
    private Path root;

    @BeforeAll
    void up() throws Exception {
        Path home = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath()
                .resolveSibling("e2e-replicas");
        // Webhooks go to the receiver on 127.0.0.1, which the SSRF guard refuses unless allowed. At
        // load average 40 to 90 results' first database connection (Flyway, at start) outwaited
        // Agroal's 5 s acquisition time-out, and jobs waited in FEATURES_READY past the sweeper's
        // 5 minutes (FAILED timed-out, then DONE with a second webhook when the verdict came):
        // this test is about the replicas, the sweeper's time-outs are FaultScenariosIT's.
        String sweepTimeout = DRAIN.plusMinutes(5).toMinutes() + "m";
        root = Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize();
        stack = LauncherStack.up(root, home,
                Map.of("HITORFLOP_SECURITY_EGRESS_ALLOW_LIST", "127.0.0.1/32",
                        "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S",
                        "HITORFLOP_RESULTS_SWEEP_TIMEOUT_QUEUED", sweepTimeout,
                        "HITORFLOP_RESULTS_SWEEP_TIMEOUT_AUDIO_READY", sweepTimeout,
                        "HITORFLOP_RESULTS_SWEEP_TIMEOUT_FEATURES_READY", sweepTimeout), REPLICAS);
        processes = stack.processes();
        receiver = new WebhookReceiver();
        groups = new ConsumerGroups(processes.kafkaBootstrapServers());
        byte[] song = Files.readAllBytes(SynthesizedSong.generate(Files.createTempDirectory("replica-song").resolve("song.flac"),
                SONG_SECONDS));
        runner = new FaultRunner(processes, receiver, song, DRAIN);
    }

    @AfterAll
    void down() throws Exception {
        if (groups != null) {
            groups.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        LauncherStack.downLeavingNothing(stack);
    }

    @Test
    void oneReplicaOfEachKilledMidRunLosesAndDoublesNoJob() throws Exception {
        assertThat(processes.components()).contains("feature", "feature-2", "inference", "inference-2");
        Map<String, TreeSet<Integer>> heldByTheKilled = new LinkedHashMap<>();
        for (var group : GROUPS.entrySet()) {
            Assignment shared = awaitAssignment(group.getKey(), group.getValue(),
                    "both replicas hold partitions", assignment -> assignment.partitionsByClientId().size() == 2
                            && !assignment.of(KILLED.get(group.getKey())).isEmpty()
                            && !assignment.of(SURVIVOR.get(group.getKey())).isEmpty());
            System.out.println("replicas: " + group.getKey() + " before the kill " + shared);
            heldByTheKilled.put(group.getKey(), shared.of(KILLED.get(group.getKey())));
        }
        Map<String, String> survivors = SURVIVOR.values().stream()
                .collect(Collectors.toMap(name -> name, processes::identity));

        Path catalogue = Files.createDirectories(stack.home().resolve("catalogue")).resolve("catalogue.csv");
        Files.writeString(catalogue, BatchApiIT.catalogue());
        Fault kill = Fault.killWithoutRestart(List.copyOf(KILLED.values()));
        AtomicReference<CatalogueCommand> analyze = new AtomicReference<>();
        AtomicReference<JsonNode> batchAtKill = new AtomicReference<>();
        Fault killMidBatch = new Fault(kill.name(), kill.description() + ", with a catalogue batch in flight", running -> {
            analyze.set(CatalogueCommand.start(root, stack.home(), catalogue));
            UUID batchId = analyze.get().awaitBatchId(DRAIN);
            batchAtKill.set(await("some rows of batch " + batchId + " done").atMost(DRAIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> batch(batchId), batch -> batch.path("done").asInt() > 0));
            kill.injection().inject(running);
        });

        ScenarioResult result = runner.run("replicas", killMidBatch, AUDIO_JOBS, VECTOR_JOBS);

        System.out.println("fault scenario replicas: " + result);
        assertThat(result.submitted()).as(result.toString()).isEqualTo(AUDIO_JOBS + VECTOR_JOBS);
        assertThat(result.lost()).as(result.problems().toString()).isZero();
        assertThat(result.duplicated()).as(result.problems().toString()).isZero();
        assertThat(result.incompleteHistory()).as(result.problems().toString()).isZero();
        assertThat(result.done()).as(result.toString()).isEqualTo(AUDIO_JOBS + VECTOR_JOBS);
        assertThat(result.webhooksReceived()).as("one webhook id per job").isEqualTo(result.webhooksExpected());
        for (String killed : KILLED.values()) {
            assertThat(processes.process(killed)).as(killed + " stays dead").isEmpty();
        }
        survivors.forEach((name, identity) -> assertThat(processes.identity(name)).as(name + " not restarted").isEqualTo(identity));
        System.out.println("replicas: the batch at the kill " + batchAtKill.get());
        assertThat(batchAtKill.get().path("done").asInt()).as("killed mid-batch").isLessThan(CATALOGUE_ACCEPTED);
        everyCatalogueRowEndedOnce(analyze.get(), catalogue, UUID.fromString(batchAtKill.get().path("id").asText()));
        for (var group : GROUPS.entrySet()) {
            TreeSet<Integer> everyPartition = IntStream.range(0, Topics.PARTITIONS).boxed()
                    .collect(Collectors.toCollection(TreeSet::new));
            Assignment taken = awaitAssignment(group.getKey(), group.getValue(), "the survivor holds every partition",
                    assignment -> assignment.partitionsByClientId().size() == 1
                            && assignment.of(SURVIVOR.get(group.getKey())).equals(everyPartition));
            System.out.println("replicas: " + group.getKey() + " after the kill " + taken);
            assertThat(taken.of(SURVIVOR.get(group.getKey()))).containsAll(heldByTheKilled.get(group.getKey()));
        }
    }

    /**
     * The command ended 0 with its progress at 100 % and a results file of one line per input row
     * (each line once, in order, a distinct job per accepted row, the refused ones REJECTED with
     * their problem); PostgreSQL holds the same: one row per input row, one job per accepted row,
     * each DONE (vectors) or FAILED (links), once.
     */
    private void everyCatalogueRowEndedOnce(CatalogueCommand analyze, Path catalogue, UUID batchId) throws Exception {
        int exit = analyze.awaitExit(DRAIN);
        String output = analyze.output();
        System.out.println("replicas: analyze said\n" + output);
        assertThat(exit).as(output).isZero();
        List<String> progress = output.lines().filter(line -> line.contains(" rows ") && line.contains(" %")).toList();
        assertThat(progress).as(output).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).contains(CATALOGUE_ACCEPTED + " / " + CATALOGUE_ACCEPTED + " rows")
                .contains("100.0 %");

        List<String> results = Files.readAllLines(catalogue.resolveSibling("catalogue.results.csv"));
        assertThat(results).hasSize(CATALOGUE_ROWS + 1);
        Set<UUID> jobsInFile = new HashSet<>();
        for (int line = 2; line <= CATALOGUE_ROWS + 1; line++) {
            String result = results.get(line - 1);
            assertThat(result).as("results line for input line %d", line).startsWith(line + ",track-" + line + ",");
            Matcher job = JOB_ID.matcher(result);
            if (BatchApiIT.REFUSED.containsKey(line)) {
                assertThat(job.find()).as(result).isFalse();
                assertThat(result).contains(",REJECTED,").contains("/problems/" + BatchApiIT.REFUSED.get(line));
            } else {
                assertThat(job.find()).as(result).isTrue();
                assertThat(jobsInFile.add(UUID.fromString(job.group()))).as("job once in the file: " + result).isTrue();
                assertThat(result).contains(BatchApiIT.LINKS.contains(line) ? ",FAILED," : ",DONE,");
            }
        }

        PipelineDatabase database = new PipelineDatabase(processes.database());
        List<BatchRowRecord> rows = database.batchRows(batchId);
        assertThat(rows).extracting(BatchRowRecord::line)
                .containsExactlyElementsOf(IntStream.rangeClosed(2, CATALOGUE_ROWS + 1).boxed().toList());
        assertThat(rows).filteredOn(row -> row.jobId() == null).extracting(BatchRowRecord::line)
                .containsExactlyInAnyOrderElementsOf(BatchApiIT.REFUSED.keySet());
        Set<UUID> jobIds = rows.stream().map(BatchRowRecord::jobId).filter(Objects::nonNull).collect(Collectors.toSet());
        assertThat(jobIds).as("one job per accepted row, none twice").hasSize(CATALOGUE_ACCEPTED).isEqualTo(jobsInFile);
        Map<UUID, JobRecord> jobs = database.jobs(jobIds);
        assertThat(jobs).hasSize(CATALOGUE_ACCEPTED);
        for (JobRecord job : jobs.values()) {
            assertThat(job.repeatedTransitionOrNull()).as(job.toString()).isNull();
            if (job.status().equals("DONE")) {
                assertThat(job.hasVerdict()).as(job.toString()).isTrue();
                // ingest publishes a vector's QUEUED and FEATURES_READY together: one timestamp, either order
                assertThat(job.transitions()).as(job.toString()).containsExactlyInAnyOrder("QUEUED", "FEATURES_READY", "DONE");
            } else {
                assertThat(job.status()).as(job.toString()).isEqualTo("FAILED");
                assertThat(job.hasVerdict()).as(job.toString()).isFalse();
            }
        }
        assertThat(jobs.values()).filteredOn(job -> job.status().equals("FAILED")).hasSize(BatchApiIT.LINKS.size());
        JsonNode complete = batch(batchId);
        assertThat(complete.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(complete.path("counts").path("DONE").asInt()).isEqualTo(CATALOGUE_ACCEPTED - BatchApiIT.LINKS.size());
    }

    /** {@code GET /v1/batches/{id}} through the router. */
    private JsonNode batch(UUID batchId) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(processes.routerUri().resolve("/v1/batches/" + batchId))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private Assignment awaitAssignment(String group, String topic, String what,
                                       java.util.function.Predicate<Assignment> expected) {
        return await(group + ": " + what).atMost(GROUPS_FORMED).pollInterval(Duration.ofMillis(500))
                .until(() -> groups.assignment(group, topic),
                        assignment -> assignment.state().equalsIgnoreCase("stable") && expected.test(assignment));
    }
}
