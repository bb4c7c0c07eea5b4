package io.hitorflop.training.pipeline;

import io.hitorflop.training.data.CsvRows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two halves of a model version. Both are reproducible from a fresh clone: the data hash
 * covers the decompressed CSV; the code revision covers the training module's pom and the main
 * sources that decide the models and their cards (relative path and bytes, in path order), not a
 * git commit id. The command line and the report are left out: they change no model, so editing
 * them does not call for a retrain.
 */
public final class Fingerprints {

    /** Main sources outside the code revision, relative to the module (directories, '/'-separated). */
    static final List<String> OUTSIDE_CODE_REVISION = List.of(
            "src/main/java/io/hitorflop/training/cli/",
            "src/main/java/io/hitorflop/training/report/",
            "src/main/resources/io/hitorflop/training/report/");

    public static String dataSha256(Path csv) {
        try (InputStream in = CsvRows.open(csv)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String codeRevision(Path trainingModule) {
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(trainingModule.resolve("src/main"))) {
            List<Path> files = Stream.concat(Stream.of(trainingModule.resolve("pom.xml")),
                    walk.filter(Files::isRegularFile)).map(trainingModule::relativize).sorted().toList();
            for (Path file : files) {
                String name = file.toString().replace('\\', '/');
                if (OUTSIDE_CODE_REVISION.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(trainingModule.resolve(file)));
                digest.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Fingerprints() {
    }
}
