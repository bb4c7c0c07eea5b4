package io.hitorflop.inference.messaging;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the CPU priority of the calling thread by raising its nice value. Linux keeps a nice value
 * per thread (setpriority(2) on a thread id; {@code renice -p <tid>}), and the scheduler shares a
 * busy CPU by weight (CFS: nice 0 weighs 1024, nice 19 weighs 15), so a thread at nice 19 gets
 * what the others leave. Java has no per-thread niceness of its own ({@code Thread.setPriority} is
 * ignored on Linux), hence util-linux's {@code renice} on the id {@code /proc/thread-self} names.
 * Raising one's own nice value needs no privilege.
 */
final class ThreadNiceness {

    private static final Logger LOG = Logger.getLogger(ThreadNiceness.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Field 19 of /proc/[tid]/stat, counted from the state (field 3), after the command's closing parenthesis. */
    private static final int NICE_AFTER_COMMAND = 16;

    private final int niceness;
    private final ThreadLocal<Boolean> lowered = ThreadLocal.withInitial(() -> false);

    ThreadNiceness(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a nice value from 0 to 19 was expected, not " + niceness);
        }
        this.niceness = niceness;
    }

    /** Gives the calling thread the nice value, once per thread; a failure is logged, never thrown. */
    void applyToCurrentThread() {
        if (niceness == 0 || lowered.get()) {
            return;
        }
        lowered.set(true);
        try {
            String threadId = threadId();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", threadId)
                    .redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LOG.warnf("thread %s keeps its CPU priority: renice said %s", threadId, output);
            }
        } catch (IOException | RuntimeException unsupported) {
            LOG.warnf("the thread keeps its CPU priority (renice on Linux is needed): %s", unsupported.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calling thread's nice value as the kernel reports it, when it does. */
    static OptionalInt currentNiceness() {
        try {
            String stat = Files.readString(THREAD_SELF.resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[NICE_AFTER_COMMAND]));
        } catch (IOException | RuntimeException unsupported) {
            return OptionalInt.empty();
        }
    }

    private static String threadId() throws IOException {
        // "<pid>/task/<tid>"
        return Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
    }
}
