package io.hitorflop.launcher;

import io.hitorflop.launcher.Component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the launcher reads from its environment ({@code HITORFLOP_*} variables), checked once:
 * a malformed value is a usage error.
 *
 * @param root             the project checkout (the shim passes it as {@code -Dhitorflop.root})
 * @param home             state directory ({@code HITORFLOP_HOME}, default {@code <root>/.hitorflop})
 * @param defaultPorts     each component's port when {@code up} starts it ({@code HITORFLOP_<NAME>_PORT}; 0: any free port)
 * @param maxUploadBytes   one upload limit for the router and ingest ({@code HITORFLOP_MAX_UPLOAD_BYTES})
 * @param javaOptions      JVM options of every component ({@code HITORFLOP_JAVA_OPTS})
 * @param noBuild          use the packaged jars as they are ({@code HITORFLOP_NO_BUILD=1})
 * @param startupTimeout   longest wait for one component to become ready ({@code HITORFLOP_STARTUP_TIMEOUT}, seconds)
 * @param stopTimeout      longest wait for a clean stop before killing ({@code HITORFLOP_STOP_TIMEOUT}, seconds)
 * @param postgresUrl      an existing PostgreSQL to use instead of starting one ({@code HITORFLOP_POSTGRES_URL})
 * @param postgresUser     its user ({@code HITORFLOP_POSTGRES_USER}, default postgres)
 * @param postgresPassword its password ({@code HITORFLOP_POSTGRES_PASSWORD}, default postgres)
 * @param webhookSecret    results' signing secret ({@code HITORFLOP_RESULTS_WEBHOOKS_SECRET}; else one made per install)
 * @param logLines         lines {@code logs} shows ({@code HITORFLOP_LOG_LINES})
 * @param componentEnvironment the {@code HITORFLOP_*} and {@code QUARKUS_*} variables, which every component
 *                         starts with (service configuration such as HITORFLOP_SECURITY_API_KEYS_ENABLED)
 */
public record LauncherSettings(Path root, Path home, Map<Component, Integer> defaultPorts, long maxUploadBytes,
        List<String> javaOptions, boolean noBuild, Duration startupTimeout, Duration stopTimeout,
        Optional<String> postgresUrl, String postgresUser, String postgresPassword, Optional<String> webhookSecret,
        int logLines, Map<String, String> componentEnvironment) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 104_857_600L;

    public static LauncherSettings from(Path root, Map<String, String> env) {
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            String variable = "HITORFLOP_" + component.id().toUpperCase(Locale.ROOT) + "_PORT";
            long port = number(env, variable, component.defaultPort(), "a port number");
            if (port > 65_535) {
                throw new LauncherException(variable + " must be a port number from 0 (any free port) to 65535",
                        LauncherException.USAGE);
            }
            ports.put(component, (int) port);
        }
        String javaOptions = env.getOrDefault("HITORFLOP_JAVA_OPTS", "").trim();
        return new LauncherSettings(root,
                Optional.ofNullable(env.get("HITORFLOP_HOME")).map(Path::of).orElse(root.resolve(".hitorflop"))
                        .toAbsolutePath(),
                ports,
                number(env, "HITORFLOP_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES, "a number of bytes"),
                javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+")),
                "1".equals(env.get("HITORFLOP_NO_BUILD")),
                Duration.ofSeconds(number(env, "HITORFLOP_STARTUP_TIMEOUT", 180, "a number of seconds")),
                Duration.ofSeconds(number(env, "HITORFLOP_STOP_TIMEOUT", 60, "a number of seconds")),
                nonEmpty(env, "HITORFLOP_POSTGRES_URL"),
                env.getOrDefault("HITORFLOP_POSTGRES_USER", "postgres"),
                env.getOrDefault("HITORFLOP_POSTGRES_PASSWORD", "postgres"),
                nonEmpty(env, "HITORFLOP_RESULTS_WEBHOOKS_SECRET"),
                (int) number(env, "HITORFLOP_LOG_LINES", 50, "a number of lines"),
                componentEnvironment(env));
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    private static Map<String, String> componentEnvironment(Map<String, String> env) {
        Map<String, String> passed = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("HITORFLOP_") || name.startsWith("QUARKUS_")) {
                passed.put(name, value);
            }
        });
        return Map.copyOf(passed);
    }

    private static Optional<String> nonEmpty(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).filter(value -> !value.isBlank());
    }

    private static long number(Map<String, String> env, String variable, long fallback, String what) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.trim().matches("[0-9]{1,18}")) {
            throw new LauncherException(variable + " must be " + what + ", got '" + value + "'", LauncherException.USAGE);
        }
        return Long.parseLong(value.trim());
    }
}
