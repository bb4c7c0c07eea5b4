package io.hitorflop.launcher.analyze.catalogue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query of {@code POST /v1/batches}: the feature set of the vectors (the server's default when
 * empty), whether rows get an explanation (off by default: an explanation costs far more than a
 * verdict), and the webhook told when the batch is complete.
 */
public record BatchOptions(Optional<String> featureSet, boolean explain, Optional<String> webhookUrl) {

    public static final BatchOptions DEFAULTS = new BatchOptions(Optional.empty(), false, Optional.empty());

    /** {@code ?featureSet=..&explain=true&webhookUrl=..}, or the empty string when every option is the default. */
    public String query() {
        List<String> parameters = new ArrayList<>();
        featureSet.ifPresent(set -> parameters.add("featureSet=" + encoded(set)));
        if (explain) {
            parameters.add("explain=true");
        }
        webhookUrl.ifPresent(url -> parameters.add("webhookUrl=" + encoded(url)));
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
