package io.hitorflop.containers;

import io.hitorflop.launcher.analyze.DemoSong;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs through the API of a running stack: submitted with one client, followed with another (or the same). */
final class Jobs {

    static final Duration JOB_DONE = Duration.ofMinutes(4);

    private Jobs() {
    }

    /** The demo song and a feature vector, both to DONE, and the song's verdict read back. */
    static void anAudioJobAndAVectorJobReachDone(RouterClient submitter, RouterClient reader, Path workDirectory) {
        Path song = workDirectory.resolve(DemoSong.FILE_NAME);
        DemoSong.generate(song);
        String audioJob = accepted(submitter.submitAudio(song));
        String vectorJob = accepted(submitter.submitFeatureVector());

        awaitDone(reader, audioJob);
        awaitDone(reader, vectorJob);
        assertThat(RouterClient.json(reader.get("/v1/jobs/" + audioJob)).path("verdict").path("label").asText())
                .isIn("HIT", "FLOP");
    }

    /** The first POST after an outage may be refused (503) while ingest finds Kafka again. */
    static String acceptedOnceKafkaIsBack(RouterClient submitter) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().pollInterval(Duration.ofSeconds(3)).atMost(JOB_DONE)
                .until(() -> (last[0] = submitter.submitFeatureVector()).statusCode() == 202);
        return accepted(last[0]);
    }

    static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return RouterClient.json(response).path("id").asText();
    }

    static void awaitDone(RouterClient reader, String jobId) {
        await().pollInterval(Duration.ofSeconds(2)).atMost(JOB_DONE).untilAsserted(() ->
                assertThat(reader.status(jobId)).as("job " + jobId).isIn("DONE", "FAILED"));
        assertThat(reader.status(jobId)).as("job " + jobId + ": " + reader.get("/v1/jobs/" + jobId).body())
                .isEqualTo("DONE");
    }
}
