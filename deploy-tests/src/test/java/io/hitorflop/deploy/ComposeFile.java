package io.hitorflop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose reads it: YAML merge keys ({@code <<: *service}) resolved by SnakeYAML,
 * so a service's settings include what it takes from the shared {@code x-service} block.
 */
public record ComposeFile(Map<String, Object> document) {

    /** Docker's memory units are binary: {@code 768M} (or {@code m}) is 768 MiB. */
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([kKmMgG]?)[bB]?");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    public static ComposeFile ofRepository() {
        try {
            return parse(Files.readString(Kustomize.repositoryRoot().resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ComposeFile parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new ComposeFile(new Yaml(options).load(yaml));
    }

    /** {@code services.<service>.deploy.resources.limits.memory} in MiB. */
    public long memoryLimitMiB(String service) {
        String limit = String.valueOf(at(service, "deploy", "resources", "limits", "memory")
                .orElseThrow(() -> new AssertionError("compose service " + service + " has no memory limit")));
        Matcher matcher = MEMORY.matcher(limit);
        if (!matcher.matches()) {
            throw new AssertionError("compose service " + service + ": unreadable memory limit " + limit);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase()) {
            case "g" -> amount * 1024;
            case "m" -> amount;
            case "k" -> amount / 1024;
            default -> amount / (1024 * 1024);
        };
    }

    /** The service's environment variable (a map in this file), merged from its anchors. */
    public Optional<String> environment(String service, String variable) {
        return at(service, "environment", variable).map(String::valueOf);
    }

    /** The {@code -XX:MaxRAMPercentage} of a {@code JAVA_OPTS} value. */
    public static double maxRamPercentage(String javaOptions) {
        Matcher matcher = MAX_RAM_PERCENTAGE.matcher(javaOptions);
        if (!matcher.find()) {
            throw new AssertionError("no -XX:MaxRAMPercentage in JAVA_OPTS '" + javaOptions + "'");
        }
        return Double.parseDouble(matcher.group(1));
    }

    private Optional<Object> at(String service, String... keys) {
        Object node = ((Map<?, ?>) document.get("services")).get(service);
        if (node == null) {
            throw new AssertionError("no compose service " + service);
        }
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = map.get(key);
        }
        return Optional.ofNullable(node);
    }
}
