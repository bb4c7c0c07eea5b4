package io.hitorflop.inference.verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.contract.events.ClosestSong;
import io.hitorflop.contract.events.ExplanationReady;
import io.hitorflop.contract.events.FeatureContribution;
import io.hitorflop.contract.events.FeaturesReady;
import io.hitorflop.contract.events.JobEvent;
import io.hitorflop.contract.events.JobFailed;
import io.hitorflop.contract.events.ModelVote;
import io.hitorflop.contract.events.Verdict;
import io.hitorflop.contract.events.VerdictReady;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.contract.features.SampleVectors;
import io.hitorflop.contract.models.ModelCard;
import io.hitorflop.contract.models.ModelNames;
import io.hitorflop.inference.config.InferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** From a {@code FeaturesReady} event to its outcome, with the real models packaged in the service. */
class VerdictMakerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelRegistry packagedModels;
    private static VerdictMaker verdicts;
    private static ExplanationMaker explanations;

    @BeforeAll
    static void loadPackagedModels() throws Exception {
        packagedModels = new ModelRegistry(config(Optional.empty()), JSON);
        verdicts = new VerdictMaker(packagedModels);
        explanations = new ExplanationMaker(packagedModels);
    }

    @AfterAll
    static void closeModels() {
        packagedModels.close();
    }

    @Test
    void aSpotifyVectorGetsTheCardsCalibratedCombinationOfTheFiveModelsAndEachModelsVote() throws Exception {
        FeaturesReady features = features(FeatureSet.SPOTIFY, SampleVectors.validSpotify());

        VerdictReady ready = (VerdictReady) verdicts.make(features);

        ModelCard card = packagedCard(FeatureSet.SPOTIFY);
        assertThat(ready.jobId()).isEqualTo(features.jobId());
        assertThat(ready.featureSet()).isEqualTo("spotify");
        assertThat(ready.modelVersion()).isEqualTo(card.version());
        Verdict verdict = ready.verdict();
        assertThat(verdict.votes()).extracting(ModelVote::model).containsExactlyElementsOf(ModelNames.ALL);
        int hits = (int) verdict.votes().stream().filter(vote -> vote.label() == Verdict.Label.HIT).count();
        assertThat(verdict.hitVotes()).isEqualTo(hits);
        assertThat(verdict.probability()).isCloseTo(card.reportedProbability()
                .of(verdict.votes().stream().mapToDouble(ModelVote::probability).toArray()), within(1e-12));
        assertThat(verdict.label()).isEqualTo(verdict.probability() >= card.reportedProbability().threshold()
                ? Verdict.Label.HIT : Verdict.Label.FLOP);
        assertThat(verdict.heldOutAuc()).isEqualTo(card.heldOutAuc());
        assertThat(ready.schemaVersion()).isEqualTo(VerdictReady.SCHEMA_VERSION);
        assertTenClosestSongsAndNoExplanationYet(verdict);

        ExplanationReady explained = explanations.explain(features).orElseThrow();
        assertThat(explained.explanation()).extracting(FeatureContribution::feature)
                .containsExactlyInAnyOrderElementsOf(FeatureSet.SPOTIFY.names());
        assertThat(explained.explanation()).allSatisfy(contribution -> {
            assertThat(contribution.value()).isEqualTo(features.features().get(contribution.feature()));
            assertThat(contribution.baseline()).isEqualTo(baseline(card, contribution.feature()));
        });
        assertThat(explained.modelVersion()).isEqualTo(card.version());
        assertShapleyValuesAddUpToTheVerdictsProbability(explained, verdict);
    }

    /** The verdict goes out first: no Shapley values, no baseline; the closest songs come nearest first. */
    private static void assertTenClosestSongsAndNoExplanationYet(Verdict verdict) {
        assertThat(verdict.explanation()).isEmpty();
        assertThat(verdict.explanationBaseline()).isNull();
        assertThat(verdict.closestSongs()).hasSize(Ensemble.CLOSEST_SONGS)
                .allSatisfy(song -> {
                    assertThat(song.title()).isNotBlank();
                    assertThat(song.artist()).isNotBlank();
                    assertThat(song.decade()).matches("[0-9]0s");
                })
                .extracting(ClosestSong::distance).isSorted();
    }

    /** The follow-up explanation's Shapley values sum to the verdict's probability minus their baseline. */
    private static void assertShapleyValuesAddUpToTheVerdictsProbability(ExplanationReady explained, Verdict verdict) {
        assertThat(explained.explanationBaseline()).isBetween(0.0, 1.0);
        assertThat(explained.explanation().stream().mapToDouble(FeatureContribution::contribution).sum())
                .isCloseTo(verdict.probability() - explained.explanationBaseline(), within(1e-9));
        assertThat(explained.explanation()).extracting(c -> Math.abs(c.contribution()))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aMeasuredVectorIsScoredWithTheAudioModels() throws Exception {
        FeaturesReady features = features(FeatureSet.AUDIO, FeatureSet.AUDIO.select(SampleVectors.validSpotify()));

        VerdictReady ready = (VerdictReady) verdicts.make(features);

        assertThat(ready.featureSet()).isEqualTo("audio");
        assertThat(ready.modelVersion()).isEqualTo(packagedCard(FeatureSet.AUDIO).version());
        assertTenClosestSongsAndNoExplanationYet(ready.verdict());
        ExplanationReady explained = explanations.explain(features).orElseThrow();
        assertThat(explained.featureSet()).isEqualTo("audio");
        assertThat(explained.explanation()).extracting(FeatureContribution::feature)
                .containsExactlyInAnyOrderElementsOf(FeatureSet.AUDIO.names());
        assertShapleyValuesAddUpToTheVerdictsProbability(explained, ready.verdict());
    }

    @Test
    void aBatchIsScoredPerFeatureSetWithTheSameProbabilitiesAsOneSongAtATime() throws Exception {
        Random random = new Random(16);
        List<FeaturesReady> batch = new ArrayList<>();
        for (int song = 0; song < 40; song++) {
            FeatureSet set = song % 3 == 0 ? FeatureSet.AUDIO : FeatureSet.SPOTIFY;
            batch.add(features(set, set.select(randomSpotifyVector(random))));
        }

        List<JobEvent> together = verdicts.make(batch);

        assertThat(together).hasSize(batch.size());
        for (int song = 0; song < batch.size(); song++) {
            VerdictReady batched = (VerdictReady) together.get(song);
            VerdictReady alone = (VerdictReady) verdicts.make(batch.get(song));
            assertThat(batched.jobId()).isEqualTo(batch.get(song).jobId());
            assertThat(batched.eventId()).isEqualTo(alone.eventId());
            assertThat(batched.featureSet()).isEqualTo(batch.get(song).featureSet());
            assertThat(batched.verdict()).as("song %d scored in a batch of %d and alone", song, batch.size())
                    .isEqualTo(alone.verdict());
        }
    }

    @Test
    void aBadVectorInABatchFailsOnlyItsOwnJob() throws Exception {
        Map<String, Double> invalid = SampleVectors.validSpotify();
        invalid.put("tempo", 900.0);
        List<FeaturesReady> batch = List.of(
                features(FeatureSet.SPOTIFY, SampleVectors.validSpotify()),
                features(FeatureSet.SPOTIFY, invalid),
                new FeaturesReady(JobEvent.SCHEMA_VERSION, UUID.randomUUID(), UUID.randomUUID(), java.time.Instant.now(),
                        "lyrics", SampleVectors.validSpotify(), null, null),
                features(FeatureSet.AUDIO, FeatureSet.AUDIO.select(SampleVectors.validSpotify())));

        List<JobEvent> outcomes = verdicts.make(batch);

        assertThat(outcomes).extracting(JobEvent::jobId).containsExactlyElementsOf(batch.stream().map(FeaturesReady::jobId).toList());
        assertThat(outcomes.get(0)).isInstanceOf(VerdictReady.class);
        assertThat(((JobFailed) outcomes.get(1)).reason()).contains("tempo");
        assertThat(((JobFailed) outcomes.get(2)).reason()).contains("unknown feature set 'lyrics'");
        assertThat(outcomes.get(3)).isInstanceOf(VerdictReady.class);
    }

    @Test
    void nothingIsExplainedWhenTheSubmitterAskedForNoExplanationOrTheVectorGotNoVerdict() throws Exception {
        FeaturesReady wanted = features(FeatureSet.SPOTIFY, SampleVectors.validSpotify());
        FeaturesReady notWanted = withExplain(wanted, false);
        Map<String, Double> invalid = SampleVectors.validSpotify();
        invalid.put("tempo", 900.0);

        assertThat(explanations.explain(withExplain(wanted, true))).isPresent();
        assertThat(explanations.explain(notWanted)).isEmpty();
        assertThat(((VerdictReady) verdicts.make(notWanted)).verdict().explanationFollows())
                .as("the verdict says none follows").isFalse();
        assertThat(((VerdictReady) verdicts.make(wanted)).verdict().explanationFollows()).isTrue();
        assertThat(explanations.explain(features(FeatureSet.SPOTIFY, invalid))).isEmpty();
        ExplanationReady explained = explanations.explain(wanted).orElseThrow();
        assertThat(explained.eventId()).as("derived, and not the verdict's")
                .isEqualTo(explanations.explain(wanted).orElseThrow().eventId())
                .isNotEqualTo(verdicts.make(wanted).eventId()).isNotEqualTo(wanted.eventId());
    }

    private static FeaturesReady withExplain(FeaturesReady features, boolean explain) {
        return new FeaturesReady(features.schemaVersion(), features.eventId(), features.jobId(), features.occurredAt(),
                features.featureSet(), features.features(), features.descriptors(), features.dna(), explain);
    }

    /** The sample vector with each value moved by up to ±20 % (whole-valued features kept whole). */
    private static Map<String, Double> randomSpotifyVector(Random random) {
        Map<String, Double> vector = SampleVectors.validSpotify();
        vector.replaceAll((name, value) -> value * (0.8 + 0.4 * random.nextDouble()));
        vector.put("key", (double) random.nextInt(12));
        vector.put("mode", (double) random.nextInt(2));
        vector.put("duration_ms", Math.rint(vector.get("duration_ms")));
        vector.put("time_signature", 4.0);
        return vector;
    }

    @Test
    void theLabelIsTheCardsThresholdOnTheReportedProbability(@TempDir Path models) throws Exception {
        FeaturesReady song = features(FeatureSet.SPOTIFY, SampleVectors.validSpotify());
        double probability = ((VerdictReady) verdicts.make(song)).verdict().probability();

        copyPackagedModelsWithThreshold(models, probability);
        assertThat(labelWithModelsIn(models, song)).isEqualTo(Verdict.Label.HIT);
        copyPackagedModelsWithThreshold(models, Math.nextUp(probability));
        assertThat(labelWithModelsIn(models, song)).as("just short of the card's threshold")
                .isEqualTo(Verdict.Label.FLOP);
    }

    @Test
    void aRedeliveredEventGetsAnOutcomeWithTheSameEventIdAndAnotherEventAnother() throws Exception {
        FeaturesReady features = features(FeatureSet.SPOTIFY, SampleVectors.validSpotify());
        FeaturesReady redelivered = new FeaturesReady(features.schemaVersion(), features.eventId(), features.jobId(),
                features.occurredAt(), features.featureSet(), features.features(), null, null);

        JobEvent first = verdicts.make(features);
        JobEvent again = verdicts.make(redelivered);
        JobEvent another = verdicts.make(features(FeatureSet.SPOTIFY, SampleVectors.validSpotify()));

        assertThat(again.eventId()).isEqualTo(first.eventId()).isNotEqualTo(features.eventId())
                .isNotEqualTo(another.eventId());
        assertThat(first.eventId().version()).as("name-based").isEqualTo(3);
    }

    @Test
    void anInvalidVectorFailsTheJobNamingEachViolationAndIsNotScored() throws Exception {
        Map<String, Double> vector = SampleVectors.validSpotify();
        vector.remove("energy");
        vector.put("danceability", 1.5);

        JobFailed failed = (JobFailed) verdicts.make(features(FeatureSet.SPOTIFY, vector));

        assertThat(failed.problemType()).isEqualTo(ProblemType.INVALID_FEATURES.uri());
        assertThat(failed.stage()).isEqualTo(VerdictMaker.STAGE);
        assertThat(failed.reason()).contains("energy").contains("danceability");
    }

    @Test
    void anUnknownFeatureSetFailsTheJob() throws Exception {
        FeaturesReady features = new FeaturesReady(JobEvent.SCHEMA_VERSION, UUID.randomUUID(), UUID.randomUUID(),
                java.time.Instant.now(), "lyrics", SampleVectors.validSpotify(), null, null);

        JobFailed failed = (JobFailed) verdicts.make(features);

        assertThat(failed.problemType()).isEqualTo(ProblemType.INVALID_FEATURES.uri());
        assertThat(failed.reason()).contains("unknown feature set 'lyrics'");
    }

    private static Verdict.Label labelWithModelsIn(Path models, FeaturesReady features) throws Exception {
        ModelRegistry registry = new ModelRegistry(config(Optional.of(models)), JSON);
        try {
            return ((VerdictReady) new VerdictMaker(registry).make(features)).verdict().label();
        } finally {
            registry.close();
        }
    }

    /** Both sets as packaged, the spotify card stating {@code threshold}; the card's hash covers only the ONNX files. */
    private static void copyPackagedModelsWithThreshold(Path models, double threshold) throws IOException {
        for (FeatureSet set : FeatureSet.values()) {
            Path dir = Files.createDirectories(models.resolve(set.id()));
            ObjectNode card = (ObjectNode) JSON.readTree(packaged(set.id() + "/" + ModelCard.FILE_NAME));
            if (set == FeatureSet.SPOTIFY) {
                ((ObjectNode) card.get("reportedProbability")).put("threshold", threshold);
            }
            JSON.writeValue(dir.resolve(ModelCard.FILE_NAME).toFile(), card);
            for (String file : packagedCard(set).files()) {
                Files.write(dir.resolve(file), packaged(set.id() + "/" + file));
            }
        }
    }

    private static FeaturesReady features(FeatureSet set, Map<String, Double> vector) {
        return FeaturesReady.of(UUID.randomUUID(), set.id(), vector, null, null);
    }

    private static double baseline(ModelCard card, String feature) {
        return card.features().stream().filter(f -> f.name().equals(feature)).findFirst().orElseThrow().baseline();
    }

    private static ModelCard packagedCard(FeatureSet set) throws IOException {
        return JSON.readValue(packaged(set.id() + "/" + ModelCard.FILE_NAME), ModelCard.class);
    }

    private static byte[] packaged(String path) throws IOException {
        try (InputStream in = VerdictMakerTest.class.getClassLoader().getResourceAsStream("models/" + path)) {
            assertThat(in).as("packaged model file models/" + path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The service's configuration in these tests: ONNX Runtime on one thread. */
    static InferenceConfig config(Optional<Path> modelsDir) {
        return new InferenceConfig() {
            @Override
            public Optional<Path> modelsDir() {
                return modelsDir;
            }

            @Override
            public int intraOpThreads() {
                return 1;
            }

            @Override
            public Duration publishTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int explanationNiceness() {
                return 19;
            }
        };
    }
}
