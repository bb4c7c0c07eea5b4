package io.hitorflop.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real PostgreSQL server on 127.0.0.1, run from zonky's binaries (see {@link PostgresBinaries}),
 * or a handle on an existing server given by URL. PostgreSQL refuses to run as root, so when this
 * JVM is root the server runs as the unprivileged user {@code nobody} (uid 65534) via
 * {@code setpriv}; zonky's own launcher cannot do that, which is why the life cycle is managed here.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DEFAULT_DATABASE = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final String LOCAL_PASSWORD = "postgres";
    private static final int NOBODY = 65534;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS_ON_RANDOM_PORTS = 3;

    /** Runs the server in the background and stops it fast (SIGINT) when stdin closes; see {@link ChildProcess}. */
    private static final String STOP_WITH_STDIN = "\"$@\" & pid=$!; cat >/dev/null; kill -INT \"$pid\" 2>/dev/null; wait \"$pid\"";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final ChildProcess process;

    private PostgresServer(String jdbcUrl, String username, String password, ChildProcess process) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.process = process;
    }

    /** Uses a server that runs elsewhere; {@link #close()} leaves it running. */
    public static PostgresServer external(String jdbcUrl, String username, String password) {
        return new PostgresServer(jdbcUrl, username, password, null);
    }

    public static PostgresServer start(Path dir) throws IOException {
        return start(dir, 0);
    }

    /**
     * Starts a server with its cluster in {@code dir/pgdata} (created with initdb on first use) and
     * its log in {@code dir/postgres.log}; {@code port} 0 picks a free port. Returns once it
     * accepts JDBC connections.
     */
    public static PostgresServer start(Path dir, int port) throws IOException {
        Path home = dir.toAbsolutePath();
        Files.createDirectories(home);
        boolean root = isRoot();
        if (root) {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            requireReachableByNobody(home);
        }
        Path bin = PostgresBinaries.unpacked().resolve("bin");
        Path data = home.resolve("pgdata");
        Path log = home.resolve("postgres.log");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(bin, home, data, log, root);
        }
        int attempts = port == 0 ? START_ATTEMPTS_ON_RANDOM_PORTS : 1;
        IOException lastFailure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int serverPort = port == 0 ? FreePort.pick() : port;
            try {
                return startOnce(bin, data, log, root, serverPort);
            } catch (IOException e) {
                // A random port may have been taken between picking and binding; try others.
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static PostgresServer startOnce(Path bin, Path data, Path log, boolean root, int port) throws IOException {
        List<String> server = List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=" + FreePort.LOOPBACK, "-c", "unix_socket_directories=");
        List<String> command = new ArrayList<>(asServerUser(root));
        command.addAll(List.of("/bin/sh", "-c", STOP_WITH_STDIN, "sh"));
        command.addAll(server);
        ChildProcess process = ChildProcess.start("postgres", command, log);
        String jdbcUrl = "jdbc:postgresql://" + FreePort.LOOPBACK + ":" + port + "/" + DEFAULT_DATABASE;
        try {
            awaitConnectable(process, jdbcUrl);
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new PostgresServer(jdbcUrl, SUPERUSER, LOCAL_PASSWORD, process);
    }

    private static void initdb(Path bin, Path home, Path data, Path log, boolean root) throws IOException {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path passwordFile = home.resolve("initdb-password");
        Files.writeString(passwordFile, LOCAL_PASSWORD + "\n", StandardCharsets.UTF_8);
        try {
            if (root) {
                Files.setAttribute(data, "unix:uid", NOBODY);
                Files.setAttribute(data, "unix:gid", NOBODY);
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(asServerUser(root));
            command.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust",
                    "-E", "UTF8", "--no-locale"));
            ChildProcess.run("initdb", command, log, STARTUP_TIMEOUT);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static List<String> asServerUser(boolean root) {
        return root
                ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--")
                : List.of();
    }

    private static boolean isRoot() throws IOException {
        // /proc/self belongs to the effective user of the reading process.
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static void requireReachableByNobody(Path home) throws IOException {
        for (Path parent = home.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("PostgreSQL refuses to run as root, so it runs as user nobody, which cannot reach "
                        + home + " because " + parent + " lacks search permission for others; run `chmod o+x "
                        + parent + "` or choose a directory outside it");
            }
        }
    }

    private static void awaitConnectable(ChildProcess process, String jdbcUrl) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Properties credentials = new Properties();
        credentials.setProperty("user", SUPERUSER);
        credentials.setProperty("password", LOCAL_PASSWORD);
        credentials.setProperty("connectTimeout", "2");
        while (true) {
            if (!process.isAlive()) {
                throw process.failure("exited during start-up");
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw process.failure("not accepting connections within " + STARTUP_TIMEOUT + ": " + notYet.getMessage());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for PostgreSQL", e);
            }
        }
    }

    /** JDBC URL of the {@code postgres} database (or the URL given to {@link #external}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Stops a server this class started (fast shutdown); an external server is left alone. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
