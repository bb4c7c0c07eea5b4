package io.hitorflop.results.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver code in README.md is the code the webhook tests verify with, line for line. */
class ReadmeReceiverCodeTest {

    @Test
    void readmeShowsTheVerificationCodeTheTestsUse() throws Exception {
        String test = Files.readString(Path.of("src/test/java/io/hitorflop/results/it/ReceiverSignatureCheck.java"));
        String tested = test.substring(test.indexOf("// --- README: verifying a webhook (begin) ---"),
                test.indexOf("    // --- README: verifying a webhook (end) ---"));
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Verifying a webhook"));
        String shown = section.substring(section.indexOf("```java") + "```java".length(), section.indexOf("```\n\n"));

        assertThat(normalized(shown)).isEqualTo(normalized(tested.substring(tested.indexOf('\n') + 1)));
    }

    private static String normalized(String code) {
        return Arrays.stream(code.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
