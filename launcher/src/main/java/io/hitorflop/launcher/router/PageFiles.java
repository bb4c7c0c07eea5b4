package io.hitorflop.launcher.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The dashboard's static files (module {@code dashboard}, classpath {@code dashboard/}), read once
 * into memory when the router starts: about 150 KB that never change while it runs. The page is a
 * single document with a history-API router, so {@code /}, {@code /jobs} and {@code /jobs/<id>}
 * all answer {@code index.html}; every other path answers the file of that name, if there is one.
 * <p>
 * The file names carry no content hash, so every answer is {@code Cache-Control: no-cache} with an
 * {@code ETag}: a browser keeps its copy and revalidates it (a 304) on each load, and never runs a
 * new {@code index.html} with an old module.
 */
public final class PageFiles {

    /** Where the dashboard's jar keeps the page. */
    public static final String CLASSPATH_ROOT = "dashboard";

    private static final String INDEX = "/index.html";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            // module scripts are refused under any type other than a JavaScript one
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** One file as the router sends it. */
    public record File(byte[] content, String contentType, String etag) {
        public static final String CACHE_CONTROL = "no-cache";
    }

    private final Map<String, File> byPath;

    private PageFiles(Map<String, File> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Reads the page from {@code root} on the class path (a jar entry or a directory, as a build lays it out). */
    public static PageFiles fromClasspath(String root) {
        URL index = PageFiles.class.getClassLoader().getResource(root + INDEX);
        if (index == null) {
            throw new IllegalStateException("no " + root + INDEX + " on the class path: the launcher is built without the dashboard jar");
        }
        Map<String, File> files = new LinkedHashMap<>();
        try {
            if (index.getProtocol().equals("jar")) {
                readJar(((JarURLConnection) index.openConnection()).getJarFile(), root, files);
            } else {
                readDirectory(Path.of(index.toURI()).getParent(), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the dashboard from " + index, e);
        }
        return new PageFiles(files);
    }

    /** The file a GET of {@code path} (normalised, see {@code RequestPath}) answers, if any. */
    public Optional<File> find(String path) {
        if (path.equals("/") || path.equals("/jobs") || path.startsWith("/jobs/")) {
            return Optional.of(byPath.get(INDEX));
        }
        return Optional.ofNullable(byPath.get(path));
    }

    private static void readJar(JarFile jar, String root, Map<String, File> files) throws IOException {
        String prefix = root + "/";
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                try (InputStream in = jar.getInputStream(entry)) {
                    put(files, entry.getName().substring(prefix.length() - 1), in.readAllBytes());
                }
            }
        }
    }

    private static void readDirectory(Path directory, Map<String, File> files) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                put(files, "/" + directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    private static void put(Map<String, File> files, String path, byte[] content) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        files.put(path, new File(content, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"), etagOf(content)));
    }

    private static String etagOf(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
