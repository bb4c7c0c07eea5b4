package io.hitorflop.ingest.link.domain;

import io.hitorflop.contract.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** yt-dlp's own error lines (as printed by yt-dlp for YouTube and the generic extractor, and for a refusal of the guarded proxy) and the problem type each gives. */
class YtDlpRefusalTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "ERROR: [youtube] dQw4w9WgXcQ: Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies for the authentication.|BOT_CHECK",
            "ERROR: unable to download video data: HTTP Error 403: Forbidden|SOURCE_FORBIDDEN",
            "ERROR: [generic] Unable to download webpage: HTTP Error 401: Unauthorized (caused by <HTTPError 401>)|SOURCE_FORBIDDEN",
            "ERROR: [youtube] abc: This live event will begin in 3 hours.|LIVE_STREAM",
            "ERROR: [youtube] abc: Premieres in 2 days|LIVE_STREAM",
            "ERROR: Unsupported URL: http://127.0.0.1:18765/nomedia.html|NO_AUDIO",
            "ERROR: [youtube] abc: Requested format is not available. Use --list-formats for a list of available formats|NO_AUDIO",
            "ERROR: [generic] Unable to download webpage: <urlopen error [Errno 111] Connection refused>|DOWNLOAD_FAILED",
            "ERROR: [youtube] abc: Video unavailable|DOWNLOAD_FAILED",
            "ERROR: [generic] None: Unable to download webpage: HTTP Error 403: Forbidden by the egress guard: host '127.0.0.2' is 127.0.0.2, a loopback address; requests there are refused|FORBIDDEN_URL",
            "ERROR: [generic] Unable to download webpage: <urlopen error Tunnel connection failed: 403 Forbidden by the egress guard: host '10.0.0.1' is 10.0.0.1, a private address>|FORBIDDEN_URL"})
    void classifiesYtDlpsErrorLines(String stderr, ProblemType expected) {
        assertThat(YtDlpRefusal.classify(stderr)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "WARNING: a\\nERROR: the reason\\n[debug] trailing|ERROR: the reason",
            "just one line|just one line"})
    void theReasonIsTheLastErrorLine(String stderr, String reason) {
        assertThat(YtDlpRefusal.reason(stderr.replace("\\n", "\n"))).isEqualTo(reason);
    }
}
