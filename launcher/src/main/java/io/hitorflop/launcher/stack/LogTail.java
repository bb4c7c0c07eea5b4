package io.hitorflop.launcher.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code tail -n N [-F]} over component logs: headers when there are several, truncation survived. */
public final class LogTail {

    private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(300);

    private final List<Path> files;
    private final PrintStream out;
    private final Map<Path, Long> positions = new HashMap<>();
    private Path lastShown;

    public LogTail(List<Path> files, PrintStream out) {
        this.files = List.copyOf(files);
        this.out = out;
    }

    public void printLast(int lines) {
        for (Path file : files) {
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                header(file);
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
                positions.put(file, Files.size(file));
            } catch (IOException e) {
                positions.put(file, 0L);
            }
        }
        out.flush();
    }

    /** Prints whatever the files gain until the process is stopped; a file that shrank is read from its start. */
    public void follow() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Path file : files) {
                printAppended(file);
            }
            try {
                Thread.sleep(FOLLOW_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void printAppended(Path file) {
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            long position = positions.getOrDefault(file, 0L);
            if (reader.length() < position) {
                position = 0;
            }
            if (reader.length() == position) {
                return;
            }
            byte[] appended = new byte[(int) Math.min(reader.length() - position, Integer.MAX_VALUE)];
            reader.seek(position);
            reader.readFully(appended);
            positions.put(file, position + appended.length);
            if (lastShown != null && !lastShown.equals(file)) {
                header(file);
            }
            out.print(new String(appended, StandardCharsets.UTF_8));
            out.flush();
        } catch (java.io.FileNotFoundException e) {
            positions.put(file, 0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(Path file) {
        if (files.size() > 1) {
            if (lastShown != null) {
                out.println();
            }
            out.println("==> " + file + " <==");
        }
        lastShown = file;
    }
}
