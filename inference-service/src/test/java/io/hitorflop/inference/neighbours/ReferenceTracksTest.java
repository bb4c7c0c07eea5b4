package io.hitorflop.inference.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.events.ClosestSong;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ReferenceTracksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEachSongOnceAtItsNearestCopy() throws IOException {
        ReferenceTracks tracks = tracks(
                track("Priscilla", "Soft Machine", false, 0.5f),
                track("PRISCILLA", "soft machine", false, 0.1f),
                track("Afraid To Get Close", "Iggy Pop", false, 1.0f),
                track("Forward", "Beyonce", false, 2.0f),
                track("Priscilla", "Another Artist", false, 3.0f),
                track("No Shit", "Iggy Pop", true, 0.0f));

        List<ClosestSong> closest = tracks.closest(new float[] {0.0f}, 4);

        assertThat(closest).extracting(ClosestSong::title)
                .containsExactly("PRISCILLA", "Afraid To Get Close", "Forward", "Priscilla");
        assertThat(closest).extracting(ClosestSong::artist)
                .containsExactly("soft machine", "Iggy Pop", "Beyonce", "Another Artist");
        assertThat(closest.get(0).distance()).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void returnsEveryDistinctSongWhenThereAreFewerThanAsked() throws IOException {
        ReferenceTracks tracks = tracks(
                track("A", "X", false, 0.0f),
                track("a", "x", false, 1.0f),
                track("B", "X", false, 2.0f));

        assertThat(tracks.closest(new float[] {0.0f}, 10)).extracting(ClosestSong::title).containsExactly("A", "B");
    }

    private static Map<String, Object> track(String title, String artist, boolean copy, float scaled) {
        return Map.of("title", title, "artist", artist, "decade", "60s", "hit", false, "copy", copy,
                "scaled", new float[] {scaled});
    }

    @SafeVarargs
    private static ReferenceTracks tracks(Map<String, Object>... tracks) throws IOException {
        Map<String, Object> file = Map.of("features", List.of("tempo"), "mean", new float[] {0f},
                "std", new float[] {1f}, "tracks", List.of(tracks));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, file);
        }
        return ReferenceTracks.read(bytes.toByteArray(), JSON, List.of("tempo"));
    }
}
